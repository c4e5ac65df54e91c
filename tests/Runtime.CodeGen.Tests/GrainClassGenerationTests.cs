using FlashSale.Runtime.CodeGen.Tests.Infrastructure;
using FlashSale.Runtime.CodeGeneration;

namespace FlashSale.Runtime.CodeGen.Tests;

[Trait("Category", "Unit")]
public sealed class GrainClassGenerationTests
{
    private const string Grains = """
        using System;
        using System.Threading.Tasks;
        using FlashSale.Runtime;

        namespace Shop;

        public interface ICounter : IGrainWithStringKey { Task<int> Add(int amount); }

        public interface IClock { DateTime Now { get; } }

        public sealed class CounterState { public int Value { get; set; } }

        [Reentrant, CollectionAgeLimit(Minutes = 5)]
        public abstract class CounterBase : Grain, ICounter
        {
            public abstract Task<int> Add(int amount);
        }

        [StatelessWorker(2)]
        public sealed class CounterGrain : CounterBase, IRemindable
        {
            private readonly IPersistentState<CounterState> _state;

            public CounterGrain(
                [PersistentState("counter", "store")] IPersistentState<CounterState> state,
                IClock clock,
                IGrainContext context,
                IServiceProvider? optional)
            {
                _state = state;
                _ = (clock, context, optional);
            }

            public CounterGrain() : this(null!, null!, null!, null) { }

            public override Task<int> Add(int amount) => Task.FromResult(_state.State.Value += amount);

            public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
        }

        [GrainType("special")]
        internal sealed partial class Named : Grain { }

        internal sealed partial class Named { }

        public abstract class NotAGrain { }

        public sealed class Open<T> : Grain { }
        """;

    [Fact]
    public void Generate_GrainClasses_CompileWithoutDiagnostics()
    {
        var run = GeneratorHarness.Run(Grains).AssertClean();

        Assert.Contains("Shop.CounterGrain.GrainClass.g.cs", run.Sources.Keys);
        Assert.Contains("Shop.Named.GrainClass.g.cs", run.Sources.Keys);
        Assert.DoesNotContain("Shop.CounterBase.GrainClass.g.cs", run.Sources.Keys);
        Assert.DoesNotContain(run.Sources.Keys, k => k.StartsWith("Shop.Open", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_GrainClass_HasTypeInterfacesAttributesAndFactory()
    {
        var text = GeneratorHarness.Run(Grains).AssertClean().Sources["Shop.CounterGrain.GrainClass.g.cs"];

        Assert.Contains("GrainType = \"counter\",", text);
        Assert.Contains("typeof(global::Shop.ICounter)", text);
        Assert.Contains("typeof(global::FlashSale.Runtime.IRemindable)", text);
        Assert.Contains("new global::FlashSale.Runtime.StatelessWorkerAttribute(2)", text);
        Assert.Contains("new global::FlashSale.Runtime.ReentrantAttribute()", text);
        Assert.Contains("new global::FlashSale.Runtime.CollectionAgeLimitAttribute() { Minutes = 5D }", text);
        Assert.Contains("context.GetPersistentState<global::Shop.CounterState>(\"counter\", \"store\")", text);
        Assert.Contains("GetRequiredService<global::Shop.IClock>(context, \"Shop.CounterGrain\")", text);
        Assert.Contains("GetRequiredService<global::FlashSale.Runtime.IGrainContext>(context, \"Shop.CounterGrain\")", text);
        Assert.Contains("context.ActivationServices.GetService(typeof(global::System.IServiceProvider)) as global::System.IServiceProvider", text);
    }

    [Fact]
    public void Generate_GrainTypeAttribute_OverridesTheName()
    {
        var text = GeneratorHarness.Run(Grains).AssertClean().Sources["Shop.Named.GrainClass.g.cs"];

        Assert.Contains("GrainType = \"special\",", text);
        Assert.Contains("Factory = static (global::FlashSale.Runtime.IGrainContext context) => new global::Shop.Named(),", text);
    }

    [Fact]
    public void Register_GrainClassMetadata_IsAvailableFromTheRegistry()
    {
        var run = GeneratorHarness.RunAs("GrainClassAssembly", Grains).AssertClean();
        var assembly = LoadedAssembly.Load(run.Output);

        LoadedAssembly.Provider(assembly).Register();

        var metadata = GeneratedCodeRegistry.GrainClasses.Single(m => m.GrainClass.Assembly == assembly && m.GrainClass.Name == "CounterGrain");
        Assert.Equal("counter", metadata.GrainType);
        Assert.Equal(["ICounter", "IGrainWithStringKey", "IRemindable"], metadata.Interfaces.Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, metadata.GetAttribute<StatelessWorkerAttribute>()?.MaxLocalWorkers);
        Assert.NotNull(metadata.GetAttribute<ReentrantAttribute>());
        Assert.Equal(TimeSpan.FromMinutes(5), metadata.GetAttribute<CollectionAgeLimitAttribute>()?.AgeLimit);
    }
}
