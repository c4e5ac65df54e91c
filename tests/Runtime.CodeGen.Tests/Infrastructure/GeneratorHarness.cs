using System.Collections.Immutable;
using FlashSale.Runtime.CodeGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlashSale.Runtime.CodeGen.Tests.Infrastructure;

/// <summary>
/// Compiles C# sources in memory against the platform assemblies, FlashSale.Runtime.Abstractions and
/// FlashSale.Runtime, with the generator attached, the way a consuming project (nullable enabled) builds.
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    private static readonly Lazy<ImmutableArray<SyntaxTree>> LazyStubs = new(CreateStubs);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>Runs the generator over <paramref name="sources"/> (file names Source0.cs, Source1.cs, ...).</summary>
    public static GeneratorRun Run(params string[] sources) => RunAs("TestAssembly", sources);

    /// <summary>Runs the generator over <paramref name="sources"/> compiled as assembly <paramref name="assemblyName"/>.</summary>
    public static GeneratorRun RunAs(string assemblyName, params string[] sources)
    {
        var compilation = CreateCompilation(assemblyName, sources);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new FlashSaleGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(compilation, output, driver, diagnostics);
    }

    /// <summary>Runs <paramref name="previous"/>'s driver again over <paramref name="compilation"/> (an edited input).</summary>
    public static GeneratorRun RunAgain(GeneratorRun previous, Compilation compilation)
    {
        var driver = previous.Driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(compilation, output, driver, diagnostics);
    }

    public static CSharpCompilation CreateCompilation(string assemblyName, params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")).Concat(Stubs()),
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                concurrentBuild: false,
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                {
                    // Assembly version unification notices, silenced by the SDK as well.
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));

    /// <summary>
    /// Stand-ins for runtime types another engineer may not have landed yet (only when the referenced runtime
    /// assembly lacks them), so that the generator's tests do not depend on their progress.
    /// </summary>
    private static ImmutableArray<SyntaxTree> Stubs() => LazyStubs.Value;

    private static ImmutableArray<SyntaxTree> CreateStubs() => [.. EnumerateStubs()];

    private static IEnumerable<SyntaxTree> EnumerateStubs()
    {
        var probe = CSharpCompilation.Create("Probe", references: References);
        if (probe.GetTypeByMetadataName("FlashSale.Runtime.Grain") is null)
        {
            yield return CSharpSyntaxTree.ParseText("namespace FlashSale.Runtime; public abstract class Grain { }", ParseOptions, path: "GrainStub.cs");
        }

        if (probe.GetTypeByMetadataName("FlashSale.Runtime.Serialization.PolymorphicCodec") is null)
        {
            yield return CSharpSyntaxTree.ParseText("""
                namespace FlashSale.Runtime.Serialization;
                internal static class PolymorphicCodec
                {
                    public static void WriteTyped(ref Writer writer, uint fieldId, object value) => throw new System.NotSupportedException();
                    public static object ReadTyped(ref Reader reader) => throw new System.NotSupportedException();
                }
                """, ParseOptions, path: "PolymorphicCodecStub.cs");
        }
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.Length > 0)
            .ToList();
        paths.Add(typeof(GeneratedCodeRegistry).Assembly.Location);
        paths.Add(Path.Combine(AppContext.BaseDirectory, "FlashSale.Runtime.dll"));
        return [.. paths
            .Where(File.Exists)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => (MetadataReference)MetadataReference.CreateFromFile(g.First()))];
    }
}
