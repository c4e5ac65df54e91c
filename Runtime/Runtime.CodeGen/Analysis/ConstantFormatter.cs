using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlashSale.Runtime.CodeGen.Analysis;

/// <summary>Writes attribute arguments (typed constants) back as C# expressions.</summary>
internal static class ConstantFormatter
{
    /// <summary>A C# expression re-creating <paramref name="attribute"/>, or null if it cannot be rebuilt.</summary>
    public static string? Format(AttributeData attribute)
    {
        if (attribute.AttributeClass is not { } type || type.TypeKind == TypeKind.Error || attribute.AttributeConstructor is null)
        {
            return null;
        }

        var arguments = attribute.ConstructorArguments.Select(Format).ToList();
        var named = attribute.NamedArguments.Select(n => SymbolNames.EscapeIdentifier(n.Key) + " = " + Format(n.Value)).ToList();
        if (arguments.Any(a => a is null) || named.Any(a => a is null))
        {
            return null;
        }

        var text = "new " + SymbolNames.DisplayPlain(type) + "(" + string.Join(", ", arguments) + ")";
        return named.Count == 0 ? text : text + " { " + string.Join(", ", named) + " }";
    }

    public static string? Format(TypedConstant constant)
    {
        if (constant.IsNull)
        {
            return constant.Kind == TypedConstantKind.Array && constant.Type is not null
                ? "(" + SymbolNames.DisplayPlain(constant.Type) + "?)null"
                : "null";
        }

        return constant.Kind switch
        {
            TypedConstantKind.Primitive => Primitive(constant.Value!),
            TypedConstantKind.Enum => "(" + SymbolNames.DisplayPlain(constant.Type!) + ")(" + Primitive(constant.Value!) + ")",
            TypedConstantKind.Type => "typeof(" + SymbolNames.DisplayPlain((ITypeSymbol)constant.Value!) + ")",
            TypedConstantKind.Array => FormatArray(constant),
            _ => null,
        };
    }

    private static string? FormatArray(TypedConstant constant)
    {
        var items = constant.Values.Select(Format).ToList();
        return items.Any(i => i is null) ? null : "new " + SymbolNames.DisplayPlain(constant.Type!) + " { " + string.Join(", ", items) + " }";
    }

    private static string Primitive(object value) => value switch
    {
        string s => SymbolNames.Literal(s),
        char c => SymbolDisplay.FormatLiteral(c, quote: true),
        bool b => b ? "true" : "false",
        double d => Floating(d, "double", "D"),
        float f => Floating(f, "float", "F"),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        ulong ul => ul.ToString(CultureInfo.InvariantCulture) + "UL",
        uint ui => ui.ToString(CultureInfo.InvariantCulture) + "U",
        int i => i.ToString(CultureInfo.InvariantCulture),
        sbyte or byte or short or ushort => "(" + Keyword(value) + ")(" + Convert.ToString(value, CultureInfo.InvariantCulture) + ")",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "default",
    };

    private static string Keyword(object value) => value switch
    {
        sbyte => "sbyte",
        byte => "byte",
        short => "short",
        _ => "ushort",
    };

    private static string Floating(double value, string keyword, string suffix)
    {
        if (double.IsNaN(value))
        {
            return keyword + ".NaN";
        }

        if (double.IsPositiveInfinity(value))
        {
            return keyword + ".PositiveInfinity";
        }

        if (double.IsNegativeInfinity(value))
        {
            return keyword + ".NegativeInfinity";
        }

        return value.ToString("R", CultureInfo.InvariantCulture) + suffix;
    }
}
