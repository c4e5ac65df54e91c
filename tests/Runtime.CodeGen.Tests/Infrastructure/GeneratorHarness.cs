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
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
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
