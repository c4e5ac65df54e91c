using FlashSale.Grains.Protection;
using FlashSale.Protection.Configuration;
using FlashSale.Runtime.Testing;

namespace FlashSale.Grains.Tests;

[Trait("Category", "Unit")]
public sealed class HotKeyTableTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);
    private readonly ManualTimeProvider _time = new();
    private readonly HotKeyOptions _options = new() { Threshold = 100, Retention = TimeSpan.FromSeconds(10) };

    private static HotKeyReport Report(string source, HotKeySourceKind kind, params (string Sku, long Count)[] counts) => new()
    {
        SourceId = source,
        Kind = kind,
        Period = Period,
        Counts = counts.ToDictionary(c => c.Sku, c => c.Count, StringComparer.Ordinal),
    };

    [Fact]
    public void Report_OverTheThreshold_FlagsTheSkuOnce_WithItsRate()
    {
        var table = new HotKeyTable(_options, _time);

        var first = table.Record(Report("g1", HotKeySourceKind.Gateway, ("phone", 60), ("tv", 10)));
        var again = table.Record(Report("g1", HotKeySourceKind.Gateway, ("phone", 60)));

        var (entry, hot) = Assert.Single(first);
        Assert.True(hot);
        Assert.Equal("phone", entry.Sku);
        Assert.Equal(120, entry.Rate, 3);
        Assert.Empty(again);
        Assert.Equal(1, table.HotCount);
        Assert.Equal(_time.GetUtcNow(), Assert.Single(table.Entries).FirstFlaggedAt);
    }

    [Fact]
    public void GatewaysAndSilos_CountingTheSameRequests_AreNotAddedUp_ButSourcesOfOneKindAre()
    {
        var table = new HotKeyTable(_options, _time);

        table.Record(Report("g1", HotKeySourceKind.Gateway, ("phone", 40)));
        table.Record(Report("s1", HotKeySourceKind.Silo, ("phone", 40)));
        Assert.Equal(80, table.RateOf("phone"), 3);
        Assert.Empty(table.Entries);

        table.Record(Report("g2", HotKeySourceKind.Gateway, ("phone", 20)));
        Assert.Equal(120, table.RateOf("phone"), 3);
        Assert.True(Assert.Single(table.Entries).Hot);
    }

    [Fact]
    public void ClusterClientTraffic_SeenOnlyBySilos_StillCounts()
    {
        var table = new HotKeyTable(_options, _time);

        table.Record(Report("s1", HotKeySourceKind.Silo, ("phone", 30)));
        var changes = table.Record(Report("s2", HotKeySourceKind.Silo, ("phone", 30)));

        Assert.True(Assert.Single(changes).Hot);
        Assert.Equal(120, table.RateOf("phone"), 3);
    }

    [Fact]
    public void NewReport_ReplacesTheSourcesPreviousOne()
    {
        var table = new HotKeyTable(_options, _time);
        table.Record(Report("g1", HotKeySourceKind.Gateway, ("phone", 100)));

        var changes = table.Record(Report("g1", HotKeySourceKind.Gateway, ("tv", 1)));

        Assert.Equal(0, table.RateOf("phone"));
        var (entry, hot) = Assert.Single(changes);
        Assert.False(hot);
        Assert.Equal("phone", entry.Sku);
        Assert.Equal(0, table.HotCount);
    }

    [Fact]
    public void Reports_OlderThanTwoPeriods_Expire_TheSkuCoolsDown_AndIsForgottenAfterTheRetention()
    {
        var table = new HotKeyTable(_options, _time);
        table.Record(Report("g1", HotKeySourceKind.Gateway, ("phone", 100)));

        _time.Advance(Period);
        Assert.Empty(table.Sweep());
        Assert.Equal(1, table.Sources);

        _time.Advance(Period + TimeSpan.FromMilliseconds(1));
        var (entry, hot) = Assert.Single(table.Sweep());
        Assert.False(hot);
        Assert.False(entry.Hot);
        Assert.Equal(0, table.Sources);
        Assert.Single(table.Entries);

        _time.Advance(_options.Retention);
        table.Sweep();
        Assert.Empty(table.Entries);
    }

    [Fact]
    public void DueForAction_OnlyHotSkus_NotActing_PastTheirNextActionTime()
    {
        var table = new HotKeyTable(_options, _time);
        table.Record(Report("g1", HotKeySourceKind.Gateway, ("phone", 100), ("tv", 100), ("radio", 1)));
        var tv = table.Entries.Single(e => e.Sku == "tv");
        var phone = table.Entries.Single(e => e.Sku == "phone");
        phone.NextActionAt = _time.GetUtcNow().AddSeconds(30);

        Assert.Equal([tv], table.DueForAction(_time.GetUtcNow()));
        tv.Acting = true;
        Assert.Empty(table.DueForAction(_time.GetUtcNow()));
        Assert.Equal([phone], table.DueForAction(_time.GetUtcNow().AddSeconds(30)));
    }
}
