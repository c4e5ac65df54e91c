using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace FlashSale.Runtime.CodeGen.Tests.Infrastructure;

/// <summary>The outcome of running the generator over an in-memory compilation.</summary>
/// <param name="Input">The compilation before generation.</param>
/// <param name="Output">The compilation with the generated sources added.</param>
/// <param name="Driver">The driver after the run (to run again incrementally).</param>
/// <param name="GeneratorDiagnostics">What the generator reported.</param>
internal sealed record GeneratorRun(
    Compilation Input,
    Compilation Output,
    GeneratorDriver Driver,
    ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorRunResult Result => Driver.GetRunResult().Results.Single();

    /// <summary>Generated files by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    /// <summary>All generated text, concatenated in hint-name order.</summary>
    public string AllSources => string.Join("\n", Sources.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value));

    /// <summary>Errors and warnings of the output compilation (what a build with TreatWarningsAsErrors would fail on).</summary>
    public ImmutableArray<Diagnostic> CompilationProblems =>
        [.. Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];

    /// <summary>Fails with a readable message unless the generator reported nothing and the output compiles warning-free.</summary>
    public GeneratorRun AssertClean()
    {
        var problems = GeneratorDiagnostics.Concat(CompilationProblems).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Select(p => p.ToString())) + "\n---\n" + AllSources);
        return this;
    }
}
