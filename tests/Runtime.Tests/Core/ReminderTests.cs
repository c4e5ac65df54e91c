using FlashSale.Runtime.Tests.Grains;
using FlashSale.Runtime.Tests.Infrastructure;

namespace FlashSale.Runtime.Tests.Core;

[Trait("Category", "Unit")]
public sealed class ReminderTests
{
    [Fact]
    public async Task Reminder_TicksEachPeriod()
    {
        var (cluster, time) = await ManualClock.StartClusterAsync();
        await using var _ = cluster;
        var key = Guid.NewGuid().ToString("N");
        var grain = cluster.Client.GetGrain<IReminderTestGrain>(key);
        await grain.Register("r", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        time.Advance(TimeSpan.FromSeconds(1));
        await Wait.UntilAsync(() => GrainEvents.Count(key, "tick:r") == 1, "the first tick");
        time.Advance(TimeSpan.FromSeconds(2));
        await Wait.UntilAsync(() => GrainEvents.Count(key, "tick:r") == 2, "the second tick");
        time.Advance(TimeSpan.FromSeconds(2));
        await Wait.UntilAsync(() => GrainEvents.Count(key, "tick:r") == 3, "the third tick");
    }

    [Fact]
    public async Task Reminder_PeriodBelowMinimum_IsRefused()
    {
        var (cluster, _) = await ManualClock.StartClusterAsync();
        await using var __ = cluster;
        var grain = cluster.Client.GetGrain<IReminderTestGrain>(Guid.NewGuid().ToString("N"));

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.Register("fast", TimeSpan.Zero, TimeSpan.FromMilliseconds(500)));

        Assert.Contains("MinimumReminderPeriod", error.Message, StringComparison.Ordinal);
        Assert.False(await grain.HasReminder("fast"));
    }

    [Fact]
    public async Task Reminder_SurvivesDeactivation_AndReactivatesGrain()
    {
        var (cluster, time) = await ManualClock.StartClusterAsync();
        await using var _ = cluster;
        var key = Guid.NewGuid().ToString("N");
        var grain = cluster.Client.GetGrain<IReminderTestGrain>(key);
        await grain.Register("r", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        await grain.Deactivate();
        await Wait.UntilAsync(() => cluster.Primary.ActivationCount == 0, "the grain to deactivate");

        time.Advance(TimeSpan.FromSeconds(1));

        await Wait.UntilAsync(() => GrainEvents.Count(key, "tick:r") == 1, "a tick that reactivates the grain");
    }

    [Fact]
    public async Task UnregisteredReminder_StopsTicking()
    {
        var (cluster, time) = await ManualClock.StartClusterAsync();
        await using var _ = cluster;
        var key = Guid.NewGuid().ToString("N");
        var grain = cluster.Client.GetGrain<IReminderTestGrain>(key);
        await grain.Register("r", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        await Wait.UntilAsync(() => GrainEvents.Count(key, "tick:r") == 1, "the first tick");

        await grain.Unregister("r");
        time.AdvanceSeconds(5);

        Assert.False(await grain.HasReminder("r"));
        Assert.Equal(1, GrainEvents.Count(key, "tick:r"));
    }
}
