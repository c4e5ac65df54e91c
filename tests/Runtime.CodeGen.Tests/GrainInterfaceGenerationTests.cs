using System.Text.RegularExpressions;
using FlashSale.Runtime.CodeGen.Tests.Infrastructure;
using FlashSale.Runtime.Invocation;

namespace FlashSale.Runtime.CodeGen.Tests;

[Trait("Category", "Unit")]
public sealed class GrainInterfaceGenerationTests
{
    private const string Interfaces = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using FlashSale.Runtime;

        namespace My.Ns;

        public interface ICounter : IGrainWithStringKey
        {
            Task<int> Add(int amount);
            Task<int> Add(int amount, string reason);
            Task<long> Add(long amount, CancellationToken cancellationToken);
            Task Reset(CancellationToken cancellationToken, string? reason);
            ValueTask<int> Get();
            ValueTask Touch(List<int> values, int[] more, Dictionary<string, List<Guid>>? map);
            Task<T> Echo<T>(T value);
            Task<T?> Find<T>(T? fallback) where T : class;
            Task<TOut> Convert<TIn, TOut>(TIn input, int request) where TIn : notnull where TOut : struct, IComparable<TOut>;
            [OneWay] Task Fire(string message);
            [OneWay] ValueTask FireValue(int message);
            [ReadOnly] Task<string?> Name();
            [AlwaysInterleave] Task Ping();
            [ReadOnly, AlwaysInterleave] ValueTask<(int Count, string Name)> Both(KeyValuePair<string, int> pair, ICounter other);
        }

        public interface IMegaCounter : ICounter, IRemindable
        {
            Task<decimal> Sum(IReadOnlyList<decimal> values, DateTimeOffset at, TimeSpan window, Uri? source);
        }

        internal interface IInternalGrain : IGrainWithGuidKey
        {
            Task<InternalDto> Get(InternalDto dto);
        }

        [GenerateSerializer]
        internal sealed class InternalDto
        {
            [Id(0)] public int Value { get; set; }
        }
        """;

    [Fact]
    public void Generate_InterfacesWithEveryMethodShape_CompileWithoutDiagnostics()
    {
        var run = GeneratorHarness.Run(Interfaces).AssertClean();

        Assert.Contains("My.Ns.ICounter.Requests.g.cs", run.Sources.Keys);
        Assert.Contains("My.Ns.ICounter.Proxy.g.cs", run.Sources.Keys);
        Assert.Contains("My.Ns.IMegaCounter.Proxy.g.cs", run.Sources.Keys);
        Assert.Contains("FlashSaleGenerated.GeneratedCodeProvider.g.cs", run.Sources.Keys);
    }

    [Fact]
    public void Generate_Overloads_GetDistinctRequestClassesAndAliases()
    {
        var text = GeneratorHarness.Run(Interfaces).AssertClean().AllSources;

        var names = Regex.Matches(text, @"public sealed class (Invokable_My_Ns_ICounter_Add_[0-9A-F]{8})").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, names.Distinct().Count());
        Assert.Contains("Alias => \"My.Ns.ICounter.Add(System.Int32)\"", text);
        Assert.Contains("Alias => \"My.Ns.ICounter.Add(System.Int32,System.String)\"", text);
        Assert.Contains("Alias => \"My.Ns.ICounter.Add(System.Int64)\"", text);
        Assert.Contains("Alias => \"My.Ns.ICounter.Echo`1(``0)\"", text);
        Assert.Contains("Alias => \"My.Ns.ICounter.Touch(System.Collections.Generic.List`1[System.Int32],System.Int32[],System.Collections.Generic.Dictionary`2[System.String,System.Collections.Generic.List`1[System.Guid]])\"", text);
    }

    [Fact]
    public void Generate_GenericMethods_AreGenericRequestsNotRegisteredByAlias()
    {
        var run = GeneratorHarness.Run(Interfaces).AssertClean();
        var text = run.AllSources;
        var provider = run.Sources["FlashSaleGenerated.GeneratedCodeProvider.g.cs"];

        Assert.Matches(@"class Invokable_My_Ns_ICounter_Echo_[0-9A-F]{8}<T> : global::FlashSale.Runtime.Invocation.Request<T>", text);
        Assert.Matches(@"class Invokable_My_Ns_ICounter_Convert_[0-9A-F]{8}<TIn, TOut> : global::FlashSale.Runtime.Invocation.Request<TOut>\s+where TIn : notnull\s+where TOut : struct, global::System.IComparable<TOut>", text);
        Assert.DoesNotContain("Echo`1", provider);
        Assert.Contains("My.Ns.ICounter.Add(System.Int32)", provider);
    }

    [Fact]
    public void Generate_CancellationToken_IsStoredOnTheRequestAndPassedInPosition()
    {
        var text = GeneratorHarness.Run(Interfaces).AssertClean().AllSources;

        Assert.Contains("request.CancellationToken = cancellationToken;", text);
        Assert.Contains(".Reset(CancellationToken, arg0));", text);
        Assert.Contains(".Add(arg0, CancellationToken));", text);
    }

    [Fact]
    public void Generate_ParameterNamedRequest_DoesNotClashWithTheProxyLocal()
    {
        var text = GeneratorHarness.Run(Interfaces).AssertClean().AllSources;

        Assert.Contains("_request.arg1 = request;", text);
    }

    [Fact]
    public void Generate_ValueTaskAndTaskMethods_ReturnTheRightAwaitable()
    {
        var proxy = GeneratorHarness.Run(Interfaces).AssertClean().Sources["My.Ns.ICounter.Proxy.g.cs"];

        Assert.Contains("global::System.Threading.Tasks.ValueTask<int> global::My.Ns.ICounter.Get()", proxy);
        Assert.Contains("return base.InvokeAsync(request);", proxy);
        Assert.Contains("return base.InvokeAsync(request).AsTask();", proxy);
        Assert.Contains("base.InvokeOneWay(request);\n        return global::System.Threading.Tasks.Task.CompletedTask;", proxy);
        Assert.Contains("base.InvokeOneWay(request);\n        return default;", proxy);
    }

    [Fact]
    public void Generate_DeepCopy_SkipsKnownImmutableArguments()
    {
        var text = GeneratorHarness.Run(Interfaces).AssertClean().AllSources;

        Assert.Contains("arg0 = global::FlashSale.Runtime.Serialization.Copier<global::System.Collections.Generic.List<int>>.DeepCopy(arg0);", text);
        Assert.Contains("arg1 = global::FlashSale.Runtime.Serialization.Copier<int[]>.DeepCopy(arg1);", text);
        Assert.Contains("arg0 = global::FlashSale.Runtime.Serialization.Copier<T>.DeepCopy(arg0);", text);
        Assert.DoesNotContain("Copier<int>", text);
        Assert.DoesNotContain("Copier<string", text);
        Assert.DoesNotContain("Copier<global::My.Ns.ICounter>", text);
        Assert.DoesNotContain("Copier<global::System.Collections.Generic.KeyValuePair<string, int>>", text);
    }

    [Fact]
    public void Generate_InternalInterfaceOrTypes_GetInternalRequests()
    {
        var text = GeneratorHarness.Run(Interfaces).AssertClean().AllSources;

        Assert.Matches(@"internal sealed class Invokable_My_Ns_IInternalGrain_Get_[0-9A-F]{8}", text);
        Assert.Matches(@"public sealed class Invokable_My_Ns_ICounter_Get_[0-9A-F]{8}", text);
    }

    [Fact]
    public void Generate_InterfaceInheritance_ProxyImplementsBaseMethodsWithBaseRequests()
    {
        var run = GeneratorHarness.Run(Interfaces).AssertClean();
        var derived = run.Sources["My.Ns.IMegaCounter.Proxy.g.cs"];
        var baseRequests = Regex.Matches(run.Sources["My.Ns.ICounter.Requests.g.cs"], @"public sealed class (Invokable_\w+)").Select(m => m.Groups[1].Value).ToList();

        Assert.Contains("global::FlashSale.Runtime.IRemindable.ReceiveReminder(string reminderName, global::FlashSale.Runtime.TickStatus status)", derived);
        Assert.Matches(@"new global::FlashSaleGenerated.Invokable_FlashSale_Runtime_IRemindable_ReceiveReminder_[0-9A-F]{8}\(\)", derived);
        Assert.All(baseRequests, name => Assert.Contains(name, derived));
        Assert.DoesNotContain("ReceiveReminder", run.Sources["My.Ns.IMegaCounter.Requests.g.cs"]);
    }

    [Fact]
    public void Options_OneWayReadOnlyAlwaysInterleave_AreSetOnTheRequests()
    {
        var run = GeneratorHarness.Run(Interfaces).AssertClean();
        var assembly = LoadedAssembly.Load(run.Output);
        var requests = assembly.GetTypes()
            .Where(t => t.Namespace == "FlashSaleGenerated" && !t.IsGenericTypeDefinition)
            .Select(t => (RequestBase)Activator.CreateInstance(t)!)
            .Where(r => r.InterfaceType.Name == "ICounter")
            .ToDictionary(r => r.Alias);

        Assert.Equal(InvokeMethodOptions.OneWay, requests["My.Ns.ICounter.Fire(System.String)"].Options);
        Assert.Equal(InvokeMethodOptions.OneWay, requests["My.Ns.ICounter.FireValue(System.Int32)"].Options);
        Assert.Equal(InvokeMethodOptions.ReadOnly, requests["My.Ns.ICounter.Name()"].Options);
        Assert.Equal(InvokeMethodOptions.AlwaysInterleave, requests["My.Ns.ICounter.Ping()"].Options);
        Assert.Equal(InvokeMethodOptions.ReadOnly | InvokeMethodOptions.AlwaysInterleave, requests[
            "My.Ns.ICounter.Both(System.Collections.Generic.KeyValuePair`2[System.String,System.Int32],My.Ns.ICounter)"].Options);
        Assert.Equal(InvokeMethodOptions.None, requests["My.Ns.ICounter.Get()"].Options);
        Assert.Equal("Add", requests["My.Ns.ICounter.Add(System.Int64)"].MethodName);
        Assert.Equal(1, requests["My.Ns.ICounter.Add(System.Int64)"].ArgumentCount);
        Assert.Equal(1, requests["My.Ns.ICounter.Reset(System.String)"].ArgumentCount);
    }

    [Fact]
    public void Generate_PartialInterfaceAndGrainClass_YieldOneOutputEach()
    {
        var run = GeneratorHarness.Run(
            """
            using System.Threading.Tasks;
            using FlashSale.Runtime;
            namespace Parts;
            public partial interface ISplit { Task A(); }
            public partial class SplitGrain { public Task A() => Task.CompletedTask; }
            """,
            """
            using System.Threading.Tasks;
            using FlashSale.Runtime;
            namespace Parts;
            public partial interface ISplit : IGrainWithStringKey { Task<int> B(); }
            public partial class SplitGrain : Grain, ISplit { public Task<int> B() => Task.FromResult(1); }
            """).AssertClean();

        Assert.Equal(
            ["FlashSaleGenerated.GeneratedCodeProvider.g.cs", "Parts.ISplit.Proxy.g.cs", "Parts.ISplit.Requests.g.cs", "Parts.SplitGrain.GrainClass.g.cs"],
            run.Sources.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, Regex.Count(run.Sources["Parts.ISplit.Requests.g.cs"], "public sealed class"));
    }
}
