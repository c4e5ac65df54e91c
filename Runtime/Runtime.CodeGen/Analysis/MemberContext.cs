using System.Linq;
using FlashSale.Runtime.CodeGen.Models;
using Microsoft.CodeAnalysis;

namespace FlashSale.Runtime.CodeGen.Analysis;

/// <summary>Decides how generated codecs in <paramref name="compilation"/> read and store a serialized member.</summary>
/// <param name="compilation">The compilation the codec is generated into.</param>
internal sealed class MemberContext(Compilation compilation)
{
    public bool IsAccessible(ISymbol symbol) => compilation.IsSymbolAccessibleWithin(symbol, compilation.Assembly);

    public MemberReadKind ReadKind(ISymbol member, out string? field)
    {
        field = null;
        if (member is IFieldSymbol fieldSymbol)
        {
            if (IsAccessible(fieldSymbol))
            {
                return MemberReadKind.Direct;
            }

            field = fieldSymbol.Name;
            return MemberReadKind.FieldAccessor;
        }

        var property = (IPropertySymbol)member;
        if (property.GetMethod is { } getter && IsAccessible(property) && IsAccessible(getter))
        {
            return MemberReadKind.Direct;
        }

        field = BackingField(property);
        if (field is not null)
        {
            return MemberReadKind.FieldAccessor;
        }

        if (property.GetMethod is not null)
        {
            return MemberReadKind.GetterAccessor;
        }

        field = ConventionalBackingField(property);
        return MemberReadKind.FieldAccessor;
    }

    public MemberWriteKind WriteKind(ISymbol member, ConstructionKind construction, out string? field)
    {
        field = null;
        var settable = construction == ConstructionKind.Constructor ? MemberWriteKind.Initializer : MemberWriteKind.Assignment;
        if (member is IFieldSymbol fieldSymbol)
        {
            if (!fieldSymbol.IsReadOnly && IsAccessible(fieldSymbol))
            {
                return settable;
            }

            field = fieldSymbol.Name;
            return MemberWriteKind.FieldAccessor;
        }

        var property = (IPropertySymbol)member;
        if (property.SetMethod is { } setter && IsAccessible(property) && IsAccessible(setter)
            && (!setter.IsInitOnly || construction == ConstructionKind.Constructor))
        {
            return settable;
        }

        field = BackingField(property);
        if (field is not null)
        {
            return MemberWriteKind.FieldAccessor;
        }

        if (property.SetMethod is not null)
        {
            return MemberWriteKind.SetterAccessor;
        }

        if (property.Locations.Any(l => l.IsInSource))
        {
            // A computed property declared in source: there is nothing to store it in.
            return MemberWriteKind.None;
        }

        field = ConventionalBackingField(property);
        return MemberWriteKind.FieldAccessor;
    }

    /// <summary>The backing field of an auto-property declared in source, or null.</summary>
    private static string? BackingField(IPropertySymbol property) =>
        property.ContainingType.GetMembers().OfType<IFieldSymbol>()
            .FirstOrDefault(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property))?.Name;

    /// <summary>For a property from metadata, whose private backing field is not visible: the compiler's naming convention.</summary>
    private static string ConventionalBackingField(IPropertySymbol property) => "<" + property.Name + ">k__BackingField";
}
