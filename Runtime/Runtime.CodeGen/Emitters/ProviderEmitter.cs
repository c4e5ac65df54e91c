using System;
using System.Collections.Generic;
using System.Linq;
using FlashSale.Runtime.CodeGen.Analysis;
using FlashSale.Runtime.CodeGen.Models;

namespace FlashSale.Runtime.CodeGen.Emitters;

/// <summary>Emits the assembly's <c>IGeneratedCodeProvider</c> and the attribute that names it.</summary>
internal static class ProviderEmitter
{
    public const string HintName = "FlashSaleGenerated.GeneratedCodeProvider.g.cs";

    public static string Emit(IReadOnlyList<Registration> registrations, string assemblyName)
    {
        var ns = GeneratedNames.AssemblyNamespace(assemblyName);
        var writer = new CodeWriter().FileHeader();
        writer.Line("[assembly: global::FlashSale.Runtime.CodeGeneration.GeneratedCodeProvider(typeof(global::" + ns + ".GeneratedCodeProvider))]");
        writer.Line();
        writer.Line("namespace " + ns + ";");
        writer.Line();
        writer.Line(GeneratedNames.GeneratedCodeAttribute);
        writer.Line("internal sealed class GeneratedCodeProvider : global::FlashSale.Runtime.CodeGeneration.IGeneratedCodeProvider");
        writer.Open();
        writer.Open("public void Register()");
        foreach (var registration in Sort(registrations))
        {
            writer.Line(Line(registration));
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    /// <summary>Codecs first (requests and proxies may need them), then requests, proxies and grain classes, each by name.</summary>
    public static IEnumerable<Registration> Sort(IEnumerable<Registration> registrations) =>
        registrations
            .OrderBy(r => r.Kind switch { RegistrationKind.Codec or RegistrationKind.GenericCodec => 0, RegistrationKind.Request => 1, RegistrationKind.Proxy => 2, _ => 3 })
            .ThenBy(r => r.Type, StringComparer.Ordinal)
            .ThenBy(r => r.Alias, StringComparer.Ordinal);

    private static string Line(Registration registration) => registration.Kind switch
    {
        RegistrationKind.Codec => GeneratedNames.Registry + ".AddCodec<" + registration.Type + ">(new " + registration.Implementation + "(), " + SymbolNames.Literal(registration.Alias) + ");",
        RegistrationKind.GenericCodec => "global::FlashSale.Runtime.Serialization.CodecRegistry.Register(typeof(" + registration.Type + "), typeof(" + registration.Implementation + "), " + SymbolNames.Literal(registration.Alias) + ");",
        RegistrationKind.Request => GeneratedNames.Registry + ".AddRequest(" + SymbolNames.Literal(registration.Alias) + ", static () => new " + registration.Type + "());",
        RegistrationKind.Proxy => GeneratedNames.Registry + ".AddProxy(typeof(" + registration.Type + "), static (runtime, grainId) => new " + registration.Implementation + "(runtime, grainId));",
        _ => GeneratedNames.Registry + ".AddGrainClass(" + registration.Implementation + ".Create());",
    };
}
