namespace FlashSale.LoadGen.Tests;

[Trait("Category", "Unit")]
public class OpenLoopScheduleTests
{
    [Fact]
    public void Requests_are_spaced_by_the_rate()
    {
        var s = new OpenLoopSchedule(rate: 1000, ticksPerSecond: 1_000_000);
        Assert.Equal(0, s.IntendedOffset(0));
        Assert.Equal(1_000, s.IntendedOffset(1));
        Assert.Equal(1_000_000, s.IntendedOffset(1000));
    }

    [Fact]
    public void Due_count_includes_the_request_intended_exactly_now()
    {
        var s = new OpenLoopSchedule(rate: 1000, ticksPerSecond: 1_000_000);
        Assert.Equal(0, s.DueBy(-1));
        Assert.Equal(1, s.DueBy(0));
        Assert.Equal(1, s.DueBy(999));
        Assert.Equal(2, s.DueBy(1_000));
        Assert.Equal(1001, s.DueBy(1_000_000));
    }
}
