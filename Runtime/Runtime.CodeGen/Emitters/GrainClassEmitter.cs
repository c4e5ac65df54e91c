using System.Linq;
using FlashSale.Runtime.CodeGen.Analysis;
using FlashSale.Runtime.CodeGen.Models;

namespace FlashSale.Runtime.CodeGen.Emitters;

/// <summary>Emits the <c>GrainClassMetadata</c> of a grain class, with a factory that calls its constructor (no reflection).</summary>
internal static class GrainClassEmitter
{
    public static string Emit(GrainClassModel model, string assemblyName)
    {
        var writer = new CodeWriter().FileHeader();
        writer.Line("namespace " + GeneratedNames.AssemblyNamespace(assemblyName) + ";");
        writer.Line();
        writer.Line(GeneratedNames.GeneratedCodeAttribute);
        writer.Line("internal static class " + model.HelperClass);
        writer.Open();
        writer.Line("public static " + GeneratedNames.GrainClassMetadata + " Create() => new " + GeneratedNames.GrainClassMetadata);
        writer.Open();
        writer.Line("GrainClass = typeof(" + model.FullName + "),");
        writer.Line("GrainType = " + SymbolNames.Literal(model.GrainType) + ",");
        writer.Line("Interfaces = " + Array("global::System.Type", model.Interfaces.Select(i => "typeof(" + i + ")").ToList()) + ",");
        writer.Line("Attributes = " + Array("global::System.Attribute", model.Attributes.ToList()) + ",");
        if (model.FactoryArguments is { } arguments)
        {
            writer.Line("Factory = static (" + GeneratedNames.IGrainContext + " context) => new " + model.FullName + "(" + string.Join(", ", arguments) + "),");
        }
        else
        {
            var message = SymbolNames.Literal("Cannot activate '" + model.MetadataName + "': it has no accessible constructor.");
            writer.Line("Factory = static (" + GeneratedNames.IGrainContext + " context) => throw new global::System.InvalidOperationException(" + message + "),");
        }

        writer.Close(";");
        writer.Close();
        return writer.ToString();
    }

    private static string Array(string elementType, System.Collections.Generic.List<string> items) =>
        items.Count == 0
            ? "global::System.Array.Empty<" + elementType + ">()"
            : "new " + elementType + "[] { " + string.Join(", ", items) + " }";
}
