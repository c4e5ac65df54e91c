using System.Linq;
using Microsoft.CodeAnalysis;

namespace FlashSale.Runtime.CodeGen.Analysis;

/// <summary>Whether generated code (top-level types in the same assembly, or public ones) can name a type.</summary>
internal static class TypeAccessibility
{
    /// <summary>Whether code in another type of the same assembly can name <paramref name="type"/>.</summary>
    public static bool IsVisibleToGeneratedCode(ITypeSymbol type) => Check(type, publicOnly: false);

    /// <summary>Whether <paramref name="type"/> is visible outside its assembly (so a public generated type may expose it).</summary>
    public static bool IsPublic(ITypeSymbol type) => Check(type, publicOnly: true);

    private static bool Check(ITypeSymbol type, bool publicOnly)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return Check(array.ElementType, publicOnly);
            case IPointerTypeSymbol pointer:
                return Check(pointer.PointedAtType, publicOnly);
            case ITypeParameterSymbol:
                // Constraints are checked where the type parameter is declared (they may refer to the parameter itself).
                return true;
            case INamedTypeSymbol named:
                for (var current = named; current is not null; current = current.ContainingType)
                {
                    if (!IsAllowed(current.DeclaredAccessibility, publicOnly))
                    {
                        return false;
                    }
                }

                return named.TypeArguments.All(a => Check(a, publicOnly));
            default:
                return true;
        }
    }

    private static bool IsAllowed(Accessibility accessibility, bool publicOnly) => accessibility switch
    {
        Accessibility.Public => true,
        Accessibility.Internal or Accessibility.ProtectedOrInternal => !publicOnly,
        Accessibility.NotApplicable => true,
        _ => false,
    };
}
