using System.Collections.Generic;
using System.Linq;
using FlashSale.Runtime.CodeGen.Models;

namespace FlashSale.Runtime.CodeGen.Emitters;

/// <summary>Emits the request (invokable) classes of a grain interface's own methods, in namespace <c>FlashSaleGenerated</c>.</summary>
internal static class RequestEmitter
{
    public static string Emit(GrainInterfaceModel model)
    {
        var writer = new CodeWriter().FileHeader();
        writer.Line("namespace " + GeneratedNames.RequestNamespace + ";");
        foreach (var method in model.DeclaredMethods)
        {
            writer.Line();
            EmitRequest(writer, method);
        }

        return writer.ToString();
    }

    /// <summary>The request class's type arguments: <c>&lt;T, U&gt;</c> or empty.</summary>
    public static string TypeArguments(GrainMethodModel method) =>
        method.IsGeneric ? "<" + string.Join(", ", method.TypeParameters.Select(t => t.Name)) + ">" : string.Empty;

    private static void EmitRequest(CodeWriter writer, GrainMethodModel method)
    {
        var arguments = method.Parameters.Where(p => !p.IsCancellationToken).ToList();
        var baseType = method.ResultType is null
            ? "global::FlashSale.Runtime.Invocation.Request"
            : "global::FlashSale.Runtime.Invocation.Request<" + method.ResultType + ">";

        writer.Line(GeneratedNames.GeneratedCodeAttribute);
        writer.Line(GeneratedNames.EditorBrowsableNever);
        writer.Line((method.IsPublicRequest ? "public" : "internal") + " sealed class " + method.RequestClass + TypeArguments(method) + " : " + baseType);
        foreach (var typeParameter in method.TypeParameters.Where(t => t.Constraints.Length > 0))
        {
            writer.Line("    " + typeParameter.Constraints);
        }

        writer.Open();
        for (var i = 0; i < arguments.Count; i++)
        {
            writer.Line("public " + arguments[i].Type + " arg" + i + " = default!;");
        }

        if (arguments.Count > 0)
        {
            writer.Line();
        }

        writer.Line("public override string MethodName => " + Analysis.SymbolNames.Literal(method.MethodName) + ";");
        writer.Line("public override global::System.Type InterfaceType => typeof(" + method.InterfaceType + ");");
        writer.Line("public override string Alias => " + Analysis.SymbolNames.Literal(method.Alias) + ";");
        writer.Line("public override " + GeneratedNames.InvokeMethodOptions + " Options => " + Options(method.Options) + ";");
        writer.Line("public override int ArgumentCount => " + arguments.Count + ";");
        writer.Line();
        EmitGetArgument(writer, arguments.Count);
        writer.Line();
        EmitInvoke(writer, method);
        writer.Line();
        EmitDeepCopy(writer, arguments);
        writer.Line();
        EmitSerialize(writer, arguments);
        writer.Line();
        EmitDeserialize(writer, arguments);
        writer.Close();
    }

    private static string Options(int options)
    {
        var flags = new List<string>();
        if ((options & 1) != 0)
        {
            flags.Add(GeneratedNames.InvokeMethodOptions + ".OneWay");
        }

        if ((options & 2) != 0)
        {
            flags.Add(GeneratedNames.InvokeMethodOptions + ".ReadOnly");
        }

        if ((options & 4) != 0)
        {
            flags.Add(GeneratedNames.InvokeMethodOptions + ".AlwaysInterleave");
        }

        return flags.Count == 0 ? GeneratedNames.InvokeMethodOptions + ".None" : string.Join(" | ", flags);
    }

    private static void EmitGetArgument(CodeWriter writer, int count)
    {
        const string OutOfRange = "throw new global::System.ArgumentOutOfRangeException(nameof(index))";
        if (count == 0)
        {
            writer.Line("public override object? GetArgument(int index) => " + OutOfRange + ";");
            return;
        }

        writer.Line("public override object? GetArgument(int index) => index switch");
        writer.Open();
        for (var i = 0; i < count; i++)
        {
            writer.Line(i + " => arg" + i + ",");
        }

        writer.Line("_ => " + OutOfRange + ",");
        writer.Close(";");
    }

    private static void EmitInvoke(CodeWriter writer, GrainMethodModel method)
    {
        var index = 0;
        var arguments = method.Parameters.Select(p => p.IsCancellationToken ? "CancellationToken" : "arg" + index++);
        var call = "((" + method.InterfaceType + ")target)." + method.Name + TypeArguments(method) + "(" + string.Join(", ", arguments) + ")";
        writer.Line("public override global::System.Threading.Tasks.ValueTask InvokeAsync(object target) => Complete(" + call + ");");
    }

    private static void EmitDeepCopy(CodeWriter writer, List<ParameterModel> arguments)
    {
        var copied = arguments.Select((p, i) => (Parameter: p, Index: i)).Where(a => a.Parameter.NeedsCopy).ToList();
        if (copied.Count == 0)
        {
            writer.Line("public override void DeepCopyArguments()");
            writer.Open().Close();
            return;
        }

        writer.Open("public override void DeepCopyArguments()");
        foreach (var (parameter, i) in copied)
        {
            writer.Line("arg" + i + " = " + GeneratedNames.Copier + "<" + parameter.Type + ">.DeepCopy(arg" + i + ");");
        }

        writer.Close();
    }

    private static void EmitSerialize(CodeWriter writer, List<ParameterModel> arguments)
    {
        writer.Open("public override void SerializeArguments(ref " + GeneratedNames.Writer + " writer)");
        for (var i = 0; i < arguments.Count; i++)
        {
            writer.Line(GeneratedNames.Codec + "<" + arguments[i].Type + ">.Instance.WriteField(ref writer, " + (i + 1) + "u, arg" + i + ");");
        }

        writer.Line("writer.WriteEndObject();");
        writer.Close();
    }

    private static void EmitDeserialize(CodeWriter writer, List<ParameterModel> arguments)
    {
        writer.Open("public override void DeserializeArguments(ref " + GeneratedNames.Reader + " reader)");
        writer.Open("while (true)");
        writer.Line("var field = reader.ReadFieldHeader();");
        writer.Line("if (field.IsEndObject) break;");
        writer.Open("switch (field.FieldId)");
        for (var i = 0; i < arguments.Count; i++)
        {
            writer.Line("case " + (i + 1) + "u: arg" + i + " = " + GeneratedNames.Codec + "<" + arguments[i].Type + ">.Instance.ReadValue(ref reader, field); break;");
        }

        writer.Line("default: reader.SkipField(field.WireType); break;");
        writer.Close();
        writer.Close();
        writer.Close();
    }
}
