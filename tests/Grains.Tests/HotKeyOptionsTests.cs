using FlashSale.Protection.Configuration;

namespace FlashSale.Grains.Tests;

[Trait("Category", "Unit")]
public sealed class HotKeyOptionsTests
{
    [Fact]
    public void Defaults_AreValid_AndReportEvery500Ms()
    {
        var options = new HotKeyOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.ReportPeriod);
    }

    [Fact]
    public void BadValues_AreAllListed()
    {
        var options = new HotKeyOptions { ReportPeriod = TimeSpan.Zero, Threshold = 0, MaxTrackedSkus = 0, ScaleOutCooldown = TimeSpan.FromSeconds(-1), MaxShards = 1000, MaxReplicas = 0 };

        Assert.Equal(6, options.Validate().Count());
    }
}
