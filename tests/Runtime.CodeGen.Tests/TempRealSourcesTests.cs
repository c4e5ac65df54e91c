using FlashSale.Runtime.CodeGen.Tests.Infrastructure;

namespace FlashSale.Runtime.CodeGen.Tests;

public sealed class TempRealSourcesTests
{
    private const string GlobalUsings = "global using System; global using System.Collections.Generic; global using System.Linq; global using System.Threading; global using System.Threading.Tasks; global using System.IO; global using System.Net.Http;";

    [Theory]
    [InlineData("tests/Runtime.Tests/Grains", "FlashSale.Runtime.Tests")]
    [InlineData("tools/Demo", "FlashSale.Demo")]
    [InlineData("bench/Runtime.Benchmarks", "FlashSale.Runtime.Benchmarks")]
    public void Real(string folder, string name)
    {
        var root = "/work/main/" + folder;
        var files = Directory.GetFiles(root, "*.cs").Where(f => !f.EndsWith("Program.cs", StringComparison.Ordinal)).Select(File.ReadAllText).Prepend(GlobalUsings).ToArray();
        var run = GeneratorHarness.RunAs(name, files);
        var problems = run.GeneratorDiagnostics.Concat(run.CompilationProblems).Where(d => d.Location.SourceTree?.FilePath.Contains("FlashSaleGenerator", StringComparison.Ordinal) != false || d.Id.StartsWith("FSG", StringComparison.Ordinal)).ToList();
        File.WriteAllText("/tmp/gen-" + name + ".txt", string.Join("\n", run.Sources.Keys) + "\n---\n" + string.Join("\n", run.CompilationProblems) + "\n---\n" + run.AllSources);
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n---\n" + string.Join("\n", run.CompilationProblems.Take(30)) + "\n---\n" + run.AllSources);
    }
}
