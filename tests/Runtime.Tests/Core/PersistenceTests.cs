using FlashSale.Runtime.Tests.Grains;
using FlashSale.Runtime.Tests.Infrastructure;

namespace FlashSale.Runtime.Tests.Core;

[Trait("Category", "Unit")]
public sealed class PersistenceTests(SingleSiloFixture fixture) : IClassFixture<SingleSiloFixture>
{
    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task WrittenState_SurvivesDeactivation()
    {
        var grain = fixture.Client.GetGrain<IStatefulGrain>(NewKey());
        Assert.False(await grain.RecordExists());

        await grain.Increment(write: true);
        await grain.Increment(write: true);
        await grain.Deactivate();
        await Wait.UntilAsync(async () => await grain.GetValue() == 2 && await grain.GetEtag() is not null, "the state to be read back after reactivation");

        Assert.True(await grain.RecordExists());
    }

    [Fact]
    public async Task UnwrittenState_IsLostOnDeactivation()
    {
        var grain = fixture.Client.GetGrain<IStatefulGrain>(NewKey());
        await grain.Increment(write: true);
        await grain.Increment(write: false);
        Assert.Equal(2, await grain.GetValue());

        await grain.Deactivate();

        await Wait.UntilAsync(async () => await grain.GetValue() == 1, "the grain to reactivate from its last written state");
    }

    [Fact]
    public async Task ClearState_RemovesRecord()
    {
        var grain = fixture.Client.GetGrain<IStatefulGrain>(NewKey());
        await grain.Increment(write: true);

        await grain.Clear();

        Assert.False(await grain.RecordExists());
        Assert.Equal(0, await grain.GetValue());
    }

    [Fact]
    public async Task GracefulStop_LetsGrainWriteState_NextSiloReadsIt()
    {
        var cluster = new Testing.TestClusterBuilder(1).AddSiloBuilderConfigurator<DefaultSiloConfigurator>().Build();
        await cluster.DeployAsync();
        var key = NewKey();
        await cluster.Client.GetGrain<IStatefulGrain>(key).Increment(write: false);
        await cluster.Client.GetGrain<IStatefulGrain>(key).Increment(write: false);

        await cluster.StartAdditionalSiloAsync();
        await cluster.StopSiloAsync(cluster.Primary);
        await cluster.WaitForLivenessToStabilizeAsync();

        Assert.Equal(2, await Retry.UntilSuccessAsync(() => cluster.Client.GetGrain<IStatefulGrain>(key).GetValue(), "the grain to answer from the remaining silo"));
        await cluster.DisposeAsync();
    }

    [Fact]
    public async Task Kill_LosesUnwrittenState_KeepsWrittenState()
    {
        var cluster = new Testing.TestClusterBuilder(1).AddSiloBuilderConfigurator<DefaultSiloConfigurator>().Build();
        await cluster.DeployAsync();
        var key = NewKey();
        await cluster.Client.GetGrain<IStatefulGrain>(key).Increment(write: true);
        await cluster.Client.GetGrain<IStatefulGrain>(key).Increment(write: false);

        await cluster.StartAdditionalSiloAsync();
        await cluster.KillSiloAsync(cluster.Primary);
        await cluster.WaitForLivenessToStabilizeAsync();

        Assert.Equal(1, await Retry.UntilSuccessAsync(() => cluster.Client.GetGrain<IStatefulGrain>(key).GetValue(), "the grain to answer from the remaining silo"));
        await cluster.DisposeAsync();
    }
}
