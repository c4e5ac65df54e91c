using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace FlashSale.Runtime.CodeGen.Analysis;

/// <summary>
/// Compile-time knowledge of types: which are grain interfaces, which can be serialized (the list in
/// GENERATED-CODE.md) and which are known immutable (so that their arguments need no deep copy). Types are
/// recognised by metadata name, never by symbol identity, so no per-compilation lookup table is needed.
/// </summary>
internal static class TypeClassifier
{
    private static readonly HashSet<string> SerializableLeaves =
    [
        "System.Guid", "System.DateTimeOffset", "System.TimeSpan", "System.DateOnly", "System.TimeOnly",
        "System.Uri", "System.Version", "System.Net.IPAddress", "System.Net.IPEndPoint",
        "FlashSale.Runtime.GrainId",
    ];

    private static readonly HashSet<string> SerializableGenerics =
    [
        "System.Collections.Generic.List`1", "System.Collections.Generic.Dictionary`2",
        "System.Collections.Generic.HashSet`1", "System.Collections.Generic.Queue`1",
        "System.Collections.Generic.Stack`1", "System.Collections.Immutable.ImmutableArray`1",
        "System.Collections.Generic.IEnumerable`1", "System.Collections.Generic.IReadOnlyList`1",
        "System.Collections.Generic.IList`1", "System.Collections.Generic.ICollection`1",
        "System.Collections.Generic.IReadOnlyCollection`1", "System.Collections.Generic.IDictionary`2",
        "System.Collections.Generic.IReadOnlyDictionary`2", "System.Collections.Generic.KeyValuePair`2",
        "System.Nullable`1",
        "System.ValueTuple`1", "System.ValueTuple`2", "System.ValueTuple`3", "System.ValueTuple`4",
        "System.ValueTuple`5", "System.ValueTuple`6", "System.ValueTuple`7",
        "System.Tuple`1", "System.Tuple`2", "System.Tuple`3", "System.Tuple`4",
        "System.Tuple`5", "System.Tuple`6", "System.Tuple`7",
    ];

    private static readonly HashSet<string> ImmutableLeaves =
    [
        "System.Guid", "System.DateTimeOffset", "System.TimeSpan", "System.DateOnly", "System.TimeOnly",
        "System.Uri", "System.Version", "System.Net.IPAddress", "System.Net.IPEndPoint",
        "FlashSale.Runtime.GrainId",
    ];

    // The same containers the runtime's ShallowCopyPolicy shares when all their arguments are immutable.
    private static readonly HashSet<string> ImmutableGenerics =
    [
        "System.Nullable`1", "System.Collections.Generic.KeyValuePair`2", "System.Collections.Immutable.ImmutableArray`1",
        "System.ValueTuple`1", "System.ValueTuple`2", "System.ValueTuple`3", "System.ValueTuple`4",
        "System.ValueTuple`5", "System.ValueTuple`6", "System.ValueTuple`7",
        "System.Tuple`1", "System.Tuple`2", "System.Tuple`3", "System.Tuple`4",
        "System.Tuple`5", "System.Tuple`6", "System.Tuple`7",
    ];

    public static bool Is(INamedTypeSymbol? type, string metadataName) =>
        type is not null && SymbolNames.MetadataName(type) == metadataName;

    public static bool IsIGrain(INamedTypeSymbol type) =>
        type.Name == "IGrain" && type.Arity == 0 && type.ContainingType is null && Is(type, WellKnown.IGrain);

    /// <summary>An interface deriving, directly or not, from <c>IGrain</c> (IGrain itself excluded).</summary>
    public static bool IsGrainInterface(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Interface } named && !IsIGrain(named) && named.AllInterfaces.Any(IsIGrain);

    /// <summary>A class whose base chain contains <c>FlashSale.Runtime.Grain</c>.</summary>
    public static bool DerivesFromGrain(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.Name == "Grain" && current.Arity == 0 && Is(current, WellKnown.Grain))
            {
                return true;
            }
        }

        return false;
    }

    public static AttributeData? FindAttribute(ISymbol symbol, string metadataName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (Is(attribute.AttributeClass, metadataName))
            {
                return attribute;
            }
        }

        return null;
    }

    public static bool HasAttribute(ISymbol symbol, string metadataName) => FindAttribute(symbol, metadataName) is not null;

    /// <summary>The alias of a type or method: its <c>[Alias]</c>, or null.</summary>
    public static string? GetAlias(ISymbol symbol) =>
        FindAttribute(symbol, WellKnown.AliasAttribute) is { } alias ? SymbolNames.FirstStringArgument(alias) : null;

    public static bool IsCancellationToken(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "CancellationToken" } named && Is(named, WellKnown.CancellationToken);

    /// <summary>Returns null when <paramref name="type"/> can be serialized, else the (innermost) type that cannot.</summary>
    public static ITypeSymbol? FindUnserializable(ITypeSymbol type)
    {
        switch (type)
        {
            case ITypeParameterSymbol or IDynamicTypeSymbol or IErrorTypeSymbol:
                // Unresolved types are the compiler's to report.
                return null;
            case IArrayTypeSymbol array:
                return array.IsSZArray ? FindUnserializable(array.ElementType) : type;
            case INamedTypeSymbol named:
                return FindUnserializableNamed(named);
            default:
                return type;
        }
    }

    private static ITypeSymbol? FindUnserializableNamed(INamedTypeSymbol type)
    {
        if (IsPrimitiveLike(type) || type.SpecialType == SpecialType.System_Object || type.TypeKind == TypeKind.Enum
            || IsGrainInterface(type) || IsIGrain(type))
        {
            return null;
        }

        var name = SymbolNames.MetadataName(type);
        if (SerializableLeaves.Contains(name) || DerivesFrom(type, WellKnown.Exception))
        {
            return null;
        }

        if (SerializableGenerics.Contains(name) || HasAttribute(type.OriginalDefinition, WellKnown.GenerateSerializerAttribute))
        {
            foreach (var argument in type.TypeArguments)
            {
                if (FindUnserializable(argument) is { } inner)
                {
                    return inner;
                }
            }

            return null;
        }

        return type;
    }

    /// <summary>Whether values of <paramref name="type"/> never need a deep copy (the runtime copier applies the same rule).</summary>
    public static bool IsKnownImmutable(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        if (IsPrimitiveLike(named) || named.TypeKind == TypeKind.Enum || IsGrainInterface(named) || IsIGrain(named))
        {
            return true;
        }

        if (HasAttribute(named.OriginalDefinition, WellKnown.ImmutableAttribute))
        {
            return true;
        }

        var name = SymbolNames.MetadataName(named);
        return ImmutableLeaves.Contains(name) || (ImmutableGenerics.Contains(name) && named.TypeArguments.All(IsKnownImmutable));
    }

    private static bool IsPrimitiveLike(INamedTypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_SByte or SpecialType.System_Byte
            or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
            or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double
            or SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_Decimal or SpecialType.System_String
            or SpecialType.System_DateTime => true,
        _ => false,
    };

    /// <summary>Whether <paramref name="type"/> or one of its base classes has the given metadata name.</summary>
    public static bool DerivesFrom(INamedTypeSymbol type, string metadataName)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (Is(current, metadataName))
            {
                return true;
            }
        }

        return false;
    }
}
