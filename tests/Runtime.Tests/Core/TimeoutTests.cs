using FlashSale.Runtime.Tests.Grains;
using FlashSale.Runtime.Tests.Infrastructure;

namespace FlashSale.Runtime.Tests.Core;

[Trait("Category", "Unit")]
public sealed class TimeoutTests
{
    [Fact]
    public async Task Call_GrainNeverAnswers_TimeoutExceptionAfterResponseTimeout()
    {
        var (cluster, time) = await ManualClock.StartClusterAsync();
        var grain = cluster.Client.GetGrain<IChainGrain>("hang");
        await grain.Name();

        var call = grain.Hang();
        // Deadlines are checked synchronously inside Advance, so nothing can be pending here.
        time.AdvanceSeconds(29);
        Assert.False(call.IsCompleted);

        time.AdvanceSeconds(3);
        var error = await Assert.ThrowsAsync<TimeoutException>(() => call.WaitAsync(Wait.DefaultTimeout));
        Assert.Contains("Hang", error.Message, StringComparison.Ordinal);

        // The grain is still stuck in Hang: a graceful stop gives up on it after the deactivation timeout.
        var stopping = cluster.StopSiloAsync(cluster.Primary);
        await Wait.UntilAsync(() => cluster.Primary.Status is SiloStatus.ShuttingDown or SiloStatus.Stopping or SiloStatus.Dead, "the silo to start shutting down");
        for (var i = 0; i < 40 && !stopping.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        await stopping.WaitAsync(Wait.DefaultTimeout);
        Assert.Equal(SiloStatus.Dead, cluster.Primary.Status);
        await cluster.DisposeAsync();
    }

    [Fact]
    public async Task CallCycleBetweenNonReentrantGrains_FailsWithTimeoutNotForever()
    {
        var (cluster, time) = await ManualClock.StartClusterAsync();
        await using var _ = cluster;
        var a = cluster.Client.GetGrain<IChainGrain>("a");

        var call = a.CallThrough("b");
        await Wait.UntilAsync(() => cluster.Primary.ActivationCount >= 2, "both grains of the cycle to activate");
        time.AdvanceSeconds(32);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => call.WaitAsync(Wait.DefaultTimeout));
        Assert.Contains("deadlock", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TimedOutRequest_GrainKeepsServingOthers()
    {
        var (cluster, time) = await ManualClock.StartClusterAsync();
        await using var _ = cluster;
        var grain = cluster.Client.GetGrain<ITurnGrain>("blocked");
        var blocked = grain.Block();
        await Wait.UntilAsync(() => grain.IsBlocked(), "the grain to block");

        var queued = grain.Ping();
        time.AdvanceSeconds(32);
        await Assert.ThrowsAsync<TimeoutException>(() => queued.WaitAsync(Wait.DefaultTimeout));
        await Assert.ThrowsAsync<TimeoutException>(() => blocked.WaitAsync(Wait.DefaultTimeout));

        await grain.Release();
        Assert.Equal(42, await grain.Ping());
    }
}
