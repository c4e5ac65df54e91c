using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace FlashSale.Runtime.CodeGen.Analysis;

/// <summary>Writes the constraints of a type parameter back as C#.</summary>
internal static class TypeParameterConstraints
{
    /// <summary>The full constraint clause of a type parameter, as a generic request or codec class declares it.</summary>
    public static string Clause(ITypeParameterSymbol parameter)
    {
        var parts = new List<string>();
        if (parameter.HasReferenceTypeConstraint)
        {
            parts.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
        }
        else if (parameter.HasUnmanagedTypeConstraint)
        {
            parts.Add("unmanaged");
        }
        else if (parameter.HasValueTypeConstraint)
        {
            parts.Add("struct");
        }
        else if (parameter.HasNotNullConstraint)
        {
            parts.Add("notnull");
        }

        parts.AddRange(parameter.ConstraintTypes.Select(SymbolNames.Display));
        if (parameter.HasConstructorConstraint && !parameter.HasValueTypeConstraint)
        {
            parts.Add("new()");
        }

        return parts.Count == 0 ? string.Empty : "where " + parameter.Name + " : " + string.Join(", ", parts);
    }
}
