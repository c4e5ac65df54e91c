using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlashSale.Runtime.CodeGen.Analysis;

/// <summary>How symbols are written in generated code, in aliases and in generated type names.</summary>
internal static class SymbolNames
{
    /// <summary><c>global::</c>-qualified, with nullable reference annotations: for declarations and generic arguments.</summary>
    public static readonly SymbolDisplayFormat Annotated = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary><c>global::</c>-qualified without nullable reference annotations: for <c>typeof</c> and constraints to <c>notnull</c>.</summary>
    public static readonly SymbolDisplayFormat Plain = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <summary>How diagnostics name a method: <c>Add&lt;T&gt;(int, CancellationToken)</c>.</summary>
    public static readonly SymbolDisplayFormat MethodForMessages = new(
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeParamsRefOut,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    public static string Display(ITypeSymbol type) => type.ToDisplayString(Annotated);

    public static string DisplayPlain(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Plain);

    /// <summary>The full metadata name: <c>Namespace.Outer+Inner`1</c>.</summary>
    public static string MetadataName(INamedTypeSymbol type)
    {
        var builder = new StringBuilder();
        AppendMetadataName(builder, type.OriginalDefinition);
        return builder.ToString();
    }

    /// <summary>
    /// A type as it appears in a request alias or signature hash: full metadata names, constructed generics as
    /// <c>List`1[System.String]</c>, arrays as <c>T[]</c>, type parameters by position (<c>``0</c> for a method's,
    /// <c>`0</c> for a type's), so that renaming a type parameter does not change the wire identity.
    /// </summary>
    public static string SignatureName(ITypeSymbol type)
    {
        var builder = new StringBuilder();
        AppendSignatureName(builder, type);
        return builder.ToString();
    }

    /// <summary>Replaces every character that is not a letter or digit with '_' (a leading digit gets a '_' prefix).</summary>
    public static string MangleIdentifier(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : '_');
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>A name usable as a C# identifier: keywords are escaped with '@'.</summary>
    public static string EscapeIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>8 hex digits of the 32-bit FNV-1a hash of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static string Hash8(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash.ToString("X8", CultureInfo.InvariantCulture);
    }

    /// <summary>A string literal.</summary>
    public static string Literal(string? value) => value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

    private static void AppendMetadataName(StringBuilder builder, INamedTypeSymbol type)
    {
        if (type.ContainingType is { } outer)
        {
            AppendMetadataName(builder, outer);
            builder.Append('+');
        }
        else if (type.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            builder.Append(ns.ToDisplayString()).Append('.');
        }

        builder.Append(type.MetadataName);
    }

    private static void AppendSignatureName(StringBuilder builder, ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                AppendSignatureName(builder, array.ElementType);
                builder.Append('[').Append(',', array.Rank - 1).Append(']');
                break;
            case ITypeParameterSymbol parameter:
                builder.Append(parameter.TypeParameterKind == TypeParameterKind.Method ? "``" : "`")
                    .Append(parameter.Ordinal.ToString(CultureInfo.InvariantCulture));
                break;
            case IPointerTypeSymbol pointer:
                AppendSignatureName(builder, pointer.PointedAtType);
                builder.Append('*');
                break;
            case INamedTypeSymbol named:
                AppendMetadataName(builder, named.OriginalDefinition);
                var arguments = AllTypeArguments(named);
                if (arguments.Count > 0 && !named.IsUnboundGenericType)
                {
                    builder.Append('[');
                    for (var i = 0; i < arguments.Count; i++)
                    {
                        if (i > 0)
                        {
                            builder.Append(',');
                        }

                        AppendSignatureName(builder, arguments[i]);
                    }

                    builder.Append(']');
                }

                break;
            case IDynamicTypeSymbol:
                builder.Append("System.Object");
                break;
            default:
                builder.Append(type.ToDisplayString());
                break;
        }
    }

    private static List<ITypeSymbol> AllTypeArguments(INamedTypeSymbol type)
    {
        var result = type.ContainingType is { } outer ? AllTypeArguments(outer) : [];
        result.AddRange(type.TypeArguments);
        return result;
    }

    /// <summary>Whether <paramref name="type"/> or any type containing it has type parameters.</summary>
    public static bool IsGenericOrNestedInGeneric(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The arguments of an attribute's first constructor argument, as a string.</summary>
    public static string? FirstStringArgument(AttributeData attribute) =>
        attribute.ConstructorArguments.FirstOrDefault() is { Kind: TypedConstantKind.Primitive, Value: string value } ? value : null;
}
