using System.Linq;
using FlashSale.Runtime.CodeGen.Models;

namespace FlashSale.Runtime.CodeGen.Emitters;

/// <summary>
/// Emits the proxy of a grain interface: a <c>GrainReference</c> implementing every method of the interface and
/// its base grain interfaces explicitly, each allocating exactly one request object per call.
/// </summary>
internal static class ProxyEmitter
{
    public static string Emit(GrainInterfaceModel model, string assemblyName)
    {
        var writer = new CodeWriter().FileHeader();
        writer.Line("namespace " + GeneratedNames.AssemblyNamespace(assemblyName) + ";");
        writer.Line();
        writer.Line(GeneratedNames.GeneratedCodeAttribute);
        writer.Line("internal sealed class " + model.ProxyClass + " : " + GeneratedNames.GrainReference + ", " + model.FullName);
        writer.Open();
        writer.Line("public " + model.ProxyClass + "(" + GeneratedNames.GrainReferenceRuntime + " runtime, " + GeneratedNames.GrainId + " grainId)");
        writer.Line("    : base(runtime, grainId, typeof(" + model.FullName + "))");
        writer.Open().Close();
        foreach (var method in model.ProxyMethods)
        {
            writer.Line();
            EmitMethod(writer, method);
        }

        writer.Close();
        return writer.ToString();
    }

    private static void EmitMethod(CodeWriter writer, GrainMethodModel method)
    {
        var typeParameters = method.IsGeneric ? "<" + string.Join(", ", method.TypeParameters.Select(t => t.Name)) + ">" : string.Empty;
        var parameters = string.Join(", ", method.Parameters.Select(p => p.Type + " " + p.Name));
        writer.Line(method.ReturnType + " " + method.InterfaceType + "." + method.Name + typeParameters + "(" + parameters + ")");
        foreach (var typeParameter in method.TypeParameters.Where(t => t.ExplicitImplementationConstraint.Length > 0))
        {
            writer.Line("    " + typeParameter.ExplicitImplementationConstraint);
        }

        writer.Open();
        var local = "request";
        while (method.Parameters.Any(p => p.Name.TrimStart('@') == local))
        {
            local = "_" + local;
        }

        writer.Line("var " + local + " = new global::" + GeneratedNames.RequestNamespace + "." + method.RequestClass + RequestEmitter.TypeArguments(method) + "();");
        var index = 0;
        foreach (var parameter in method.Parameters)
        {
            writer.Line(parameter.IsCancellationToken
                ? local + ".CancellationToken = " + parameter.Name + ";"
                : local + ".arg" + index++ + " = " + parameter.Name + ";");
        }

        if (method.IsOneWay)
        {
            writer.Line("base.InvokeOneWay(" + local + ");");
            writer.Line(method.ReturnsValueTask ? "return default;" : "return global::System.Threading.Tasks.Task.CompletedTask;");
        }
        else
        {
            writer.Line(method.ReturnsValueTask ? "return base.InvokeAsync(" + local + ");" : "return base.InvokeAsync(" + local + ").AsTask();");
        }

        writer.Close();
    }
}
