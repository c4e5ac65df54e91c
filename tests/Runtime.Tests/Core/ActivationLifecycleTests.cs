using FlashSale.Runtime.Tests.Grains;
using FlashSale.Runtime.Tests.Infrastructure;

namespace FlashSale.Runtime.Tests.Core;

[Trait("Category", "Unit")]
public sealed class ActivationLifecycleTests(SingleSiloFixture fixture) : IClassFixture<SingleSiloFixture>
{
    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task FirstCall_RunsOnActivateOnce()
    {
        var key = NewKey();
        var grain = fixture.Client.GetGrain<IEchoGrain>(key);

        await grain.Echo("1");
        await grain.Echo("2");

        Assert.Equal(["activate"], GrainEvents.For(key));
    }

    [Fact]
    public async Task DeactivateOnIdle_RunsOnDeactivate_NextCallCreatesNewActivation()
    {
        var key = NewKey();
        var grain = fixture.Client.GetGrain<IEchoGrain>(key);
        var before = await grain.GetActivationMarker();

        await grain.DeactivateSelf();
        await Wait.UntilAsync(() => GrainEvents.Count(key, "deactivate:ApplicationRequested") == 1, "the grain to deactivate");
        var after = await grain.GetActivationMarker();

        Assert.NotEqual(before, after);
        Assert.Equal(2, GrainEvents.Count(key, "activate"));
    }

    [Fact]
    public async Task CallsDuringDeactivation_AreNotLost()
    {
        var key = NewKey();
        var grain = fixture.Client.GetGrain<IEchoGrain>(key);
        await grain.Echo("warm");

        var deactivate = grain.DeactivateSelf();
        var calls = Enumerable.Range(0, 50).Select(i => grain.Echo(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        await deactivate;

        var answers = await Task.WhenAll(calls);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), answers);
    }

    [Fact]
    public async Task ActivationFails_CallerGetsException_NextCallActivatesAgain()
    {
        var key = NewKey();
        var grain = fixture.Client.GetGrain<IFailingActivationGrain>(key);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => grain.Hello());
        Assert.Contains("first activation", error.Message, StringComparison.Ordinal);

        Assert.Equal("hello", await grain.Hello());
        Assert.Equal(2, GrainEvents.Count(key, "activate"));
    }

    [Fact]
    public async Task IdleActivation_IsCollectedAfterCollectionAge()
    {
        var (cluster, time) = await ManualClock.StartClusterAsync();
        await using var _ = cluster;
        var key = NewKey();
        var grain = cluster.Client.GetGrain<IEchoGrain>(key);
        var before = await grain.GetActivationMarker();

        time.AdvanceSeconds(60);
        Assert.DoesNotContain(GrainEvents.For(key), e => e.StartsWith("deactivate", StringComparison.Ordinal));

        time.AdvanceSeconds(80);
        await Wait.UntilAsync(() => GrainEvents.Count(key, "deactivate:ActivationIdle") == 1, "the idle grain to be collected");
        Assert.NotEqual(before, await grain.GetActivationMarker());
    }

    [Fact]
    public async Task CollectionAgeLimitAttribute_OverridesDefaultAgeForItsClass()
    {
        var (cluster, time) = await ManualClock.StartClusterAsync();
        await using var _ = cluster;
        var key = NewKey();
        await cluster.Client.GetGrain<IShortLivedGrain>(key).Touch();
        await cluster.Client.GetGrain<IEchoGrain>(key).Echo("x");

        time.AdvanceSeconds(45);

        await Wait.UntilAsync(() => GrainEvents.Count(key, "deactivate:ActivationIdle") == 1, "the short-lived grain to be collected");
        Assert.Equal(1, GrainEvents.Count(key, "deactivate:ActivationIdle"));
    }

    [Fact]
    public async Task BusyActivation_IsNotCollected()
    {
        var (cluster, time) = await ManualClock.StartClusterAsync();
        await using var _ = cluster;
        var key = NewKey();
        var grain = cluster.Client.GetGrain<IEchoGrain>(key);
        var marker = await grain.GetActivationMarker();

        for (var i = 0; i < 10; i++)
        {
            time.AdvanceSeconds(30);
            Assert.Equal(marker, await grain.GetActivationMarker());
        }

        Assert.Equal(0, GrainEvents.Count(key, "deactivate:ActivationIdle"));
    }

    [Fact]
    public async Task GracefulStop_RunsOnDeactivate_KillDoesNot()
    {
        var stopped = new Testing.TestClusterBuilder(1).AddSiloBuilderConfigurator<DefaultSiloConfigurator>().Build();
        await stopped.DeployAsync();
        var stopKey = NewKey();
        await stopped.Client.GetGrain<IEchoGrain>(stopKey).Echo("x");
        await stopped.StopSiloAsync(stopped.Primary);
        Assert.Equal(1, GrainEvents.Count(stopKey, "deactivate:ShuttingDown"));

        var killed = new Testing.TestClusterBuilder(1).AddSiloBuilderConfigurator<DefaultSiloConfigurator>().Build();
        await killed.DeployAsync();
        var killKey = NewKey();
        await killed.Client.GetGrain<IEchoGrain>(killKey).Echo("x");
        await killed.KillSiloAsync(killed.Primary);
        Assert.DoesNotContain(GrainEvents.For(killKey), e => e.StartsWith("deactivate", StringComparison.Ordinal));
    }
}
