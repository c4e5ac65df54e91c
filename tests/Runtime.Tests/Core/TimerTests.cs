using FlashSale.Runtime.Tests.Grains;
using FlashSale.Runtime.Tests.Infrastructure;

namespace FlashSale.Runtime.Tests.Core;

[Trait("Category", "Unit")]
public sealed class TimerTests
{
    [Fact]
    public async Task Timer_TicksOncePerPeriod()
    {
        var (cluster, time) = await ManualClock.StartClusterAsync();
        await using var _ = cluster;
        var grain = cluster.Client.GetGrain<ITimerGrain>("ticks");
        await grain.StartTimer(TimeSpan.FromSeconds(1));

        for (var i = 1; i <= 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            var expected = i;
            await Wait.UntilAsync(async () => await grain.GetTicks() == expected, $"tick {expected}");
        }
    }

    [Fact]
    public async Task Timer_NeverOverlapsARequestOfANonReentrantGrain()
    {
        var (cluster, time) = await ManualClock.StartClusterAsync();
        await using var _ = cluster;
        var grain = cluster.Client.GetGrain<ITimerGrain>("overlap");
        await grain.StartTimer(TimeSpan.FromSeconds(1));

        var held = grain.HoldRequest();
        await Wait.UntilAsync(() => grain.IsHolding(), "the request to hold the grain");
        time.Advance(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));

        // The due tick is queued behind the held request; GetTicks interleaves and sees it has not run.
        Assert.Equal(0, await grain.GetTicks());

        await grain.Release();
        await held;
        await Wait.UntilAsync(async () => await grain.GetTicks() >= 1, "the postponed tick to run");
        Assert.Equal(0, await grain.GetOverlaps());
    }

    [Fact]
    public async Task DisposedTimer_StopsTicking()
    {
        var (cluster, time) = await ManualClock.StartClusterAsync();
        await using var _ = cluster;
        var grain = cluster.Client.GetGrain<ITimerGrain>("stop");
        await grain.StartTimer(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        await Wait.UntilAsync(async () => await grain.GetTicks() == 1, "the first tick");

        await grain.StopTimer();
        time.AdvanceSeconds(5);

        Assert.Equal(1, await grain.GetTicks());
    }

    [Fact]
    public async Task DeactivatedGrain_ItsDueTimerTick_DoesNotBringItBack()
    {
        var (cluster, time) = await ManualClock.StartClusterAsync();
        await using var _ = cluster;
        var grain = cluster.Client.GetGrain<ITimerGrain>("no-resurrection");
        await grain.StartTimer(TimeSpan.FromSeconds(1));
        var held = grain.HoldRequest();
        await Wait.UntilAsync(() => grain.IsHolding(), "the request to hold the grain");

        // A tick queues behind the held request, then the grain deactivates with the tick still queued.
        time.Advance(TimeSpan.FromSeconds(1));
        var deactivate = grain.Deactivate();
        await grain.Release();
        await held;
        await deactivate;
        await Wait.UntilAsync(() => cluster.Primary.ActivationCount == 0, "the grain to deactivate");
        time.AdvanceSeconds(3);

        Assert.Equal(0, cluster.Primary.ActivationCount);
    }
}
