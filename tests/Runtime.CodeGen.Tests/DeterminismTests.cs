using System.Text.RegularExpressions;
using FlashSale.Runtime.CodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlashSale.Runtime.CodeGen.Tests;

[Trait("Category", "Unit")]
public sealed class DeterminismTests
{
    private const string Counter = """
        using System.Threading.Tasks;
        using FlashSale.Runtime;
        namespace My.Ns;
        public interface ICounter : IGrainWithIntegerKey { Task<int> Add(int x); }
        [Alias("orders")] public interface IOrders : IGrainWithIntegerKey { [Alias("place")] Task Place(string sku); Task Cancel(string sku); }
        """;

    [Fact]
    public void Generate_Aliases_AreInterfaceAndMethodAliasesOrSignatures()
    {
        var text = GeneratorHarness.Run(Counter).AssertClean().AllSources;

        Assert.Contains("public override string Alias => \"My.Ns.ICounter.Add(System.Int32)\";", text);
        Assert.Contains("public override string Alias => \"orders.place\";", text);
        Assert.Contains("public override string Alias => \"orders.Cancel(System.String)\";", text);
        Assert.Contains("AddRequest(\"orders.place\",", text);
    }

    [Fact]
    public void Generate_TwoRuns_ProduceTheSameRequestClassNameAndText()
    {
        var first = GeneratorHarness.Run(Counter).AssertClean();
        var second = GeneratorHarness.Run(Counter).AssertClean();
        var name = Regex.Match(first.AllSources, @"class (Invokable_My_Ns_ICounter_Add_[0-9A-F]{8})").Groups[1].Value;

        Assert.Equal("Invokable_My_Ns_ICounter_Add_" + Fnv1a("Add(System.Int32)"), name);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void Generate_UnrelatedChanges_DoNotChangeTheRequestClassName()
    {
        var before = GeneratorHarness.Run(Counter).AssertClean().AllSources;
        var after = GeneratorHarness.Run(Counter.Replace("Task<int> Add(int x);", "Task Other(); Task<int> Add(int x); Task More(long y);", StringComparison.Ordinal)).AssertClean().AllSources;

        var pattern = new Regex(@"class (Invokable_My_Ns_ICounter_Add_[0-9A-F]{8})");
        Assert.Equal(pattern.Match(before).Groups[1].Value, pattern.Match(after).Groups[1].Value);
    }

    [Fact]
    public void Generate_EditOutsideGrainDeclarations_IsServedFromTheCache()
    {
        var first = GeneratorHarness.Run(Counter).AssertClean();
        var edited = first.Input.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other; public class Unrelated { public int X; }", GeneratorHarness.ParseOptions, path: "Other.cs"));

        var second = GeneratorHarness.RunAgain(first, edited);

        var outputs = second.Result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void Generate_EditInsideAMethodBody_DoesNotRegenerateSource()
    {
        const string Grain = """
            using System.Threading.Tasks;
            using FlashSale.Runtime;
            namespace My.Ns;
            public sealed class CounterGrain : Grain, ICounter { public Task<int> Add(int x) => Task.FromResult(x); }
            """;
        var first = GeneratorHarness.Run(Counter, Grain).AssertClean();
        var tree = first.Input.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
        var edited = first.Input.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Grain.Replace("FromResult(x)", "FromResult(x + 1)", StringComparison.Ordinal))));

        var second = GeneratorHarness.RunAgain(first, edited);

        var outputs = second.Result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    private static string Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash.ToString("X8", System.Globalization.CultureInfo.InvariantCulture);
    }
}
