using FlashSale.Protection.Configuration;
using FlashSale.Protection.Switches;
using Microsoft.Extensions.Options;

namespace FlashSale.Grains.Tests;

[Trait("Category", "Unit")]
public sealed class SwitchResolutionTests
{
    private static readonly Campaign Durable = SaleCluster.Campaign("s", stock: 1);

    [Fact]
    public void For_SkuOverridesGlobal_FieldByField()
    {
        var switches = new DegradeSwitches
        {
            Global = new SwitchSet { WriteMode = WriteMode.Fast, Paused = true, PauseReason = "global", DropNonCoreFields = true },
            Skus = new Dictionary<string, SwitchSet> { ["a"] = new() { Paused = false, ReadFallback = true } },
        };

        var a = switches.For("a");
        Assert.Equal(WriteMode.Fast, a.ModeFor(Durable));
        Assert.False(a.Paused);
        Assert.Null(a.PauseReason);
        Assert.True(a.DropNonCoreFields);
        Assert.True(a.ReadFallback);

        var b = switches.For("b");
        Assert.True(b.Paused);
        Assert.Equal("global", b.PauseReason);
        Assert.False(b.ReadFallback);
    }

    [Fact]
    public void For_NothingSet_KeepsTheCampaignsModeAndServes()
    {
        var none = new DegradeSwitches().For("x");
        Assert.Equal(WriteMode.Durable, none.ModeFor(Durable));
        Assert.Equal(WriteMode.Fast, none.ModeFor(Durable with { WriteMode = WriteMode.Fast }));
        Assert.False(none.Paused);
        Assert.False(none.DropNonCoreFields);
    }

    [Fact]
    public void For_PausedWithoutReason_GivesADefaultReason()
    {
        var switches = new DegradeSwitches { Skus = new Dictionary<string, SwitchSet> { ["a"] = new() { Paused = true } } };
        Assert.False(string.IsNullOrWhiteSpace(switches.For("a").PauseReason));
    }

    [Fact]
    public async Task Apply_OnlyMovesForward_AndCompletesTheFirstLoad()
    {
        var board = new SwitchBoard(Options.Create(new DegradeSwitchOptions()));
        var waiting = board.WhenLoadedAsync().AsTask();
        Assert.False(waiting.IsCompleted);

        Assert.True(board.Apply(new DegradeSwitches { Version = 3, Global = new SwitchSet { Paused = true } }));
        await waiting;
        Assert.False(board.Apply(new DegradeSwitches { Version = 2 }));
        Assert.False(board.Apply(new DegradeSwitches { Version = 3 }));
        Assert.True(board.For("any").Paused);
        Assert.True(board.Apply(new DegradeSwitches { Version = 4 }));
        Assert.False(board.For("any").Paused);
    }

    [Fact]
    public async Task WhenLoaded_NeverLoaded_TimesOutWithAClearError()
    {
        var board = new SwitchBoard(Options.Create(new DegradeSwitchOptions { LoadTimeout = TimeSpan.FromMilliseconds(50) }));
        var error = await Assert.ThrowsAsync<TimeoutException>(() => board.WhenLoadedAsync().AsTask());
        Assert.Contains("degrade switches", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5_000)]
    public void Options_PollPeriodOutOfRange_IsRejected(int milliseconds)
    {
        Assert.NotEmpty(new DegradeSwitchOptions { PollPeriod = TimeSpan.FromMilliseconds(milliseconds) }.Validate());
        Assert.Empty(new DegradeSwitchOptions().Validate());
    }
}
