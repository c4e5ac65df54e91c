using FlashSale.Protection.HotKeys;

namespace FlashSale.Grains.Tests;

[Trait("Category", "Unit")]
public sealed class HotKeyCounterTests
{
    private static Dictionary<string, long> Drain(HotKeyCounter counter, out long untracked)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        untracked = counter.DrainInto(counts);
        return counts;
    }

    [Fact]
    public void Drain_ReturnsTheCountsSinceTheLastDrain()
    {
        var counter = new HotKeyCounter(100);
        counter.Count("phone");
        counter.Count("phone");
        counter.Count("tv");

        Assert.Equal(new Dictionary<string, long> { ["phone"] = 2, ["tv"] = 1 }, Drain(counter, out var untracked));
        Assert.Equal(0, untracked);
        counter.Count("tv");
        Assert.Equal(new Dictionary<string, long> { ["tv"] = 1 }, Drain(counter, out _));
    }

    [Fact]
    public async Task Count_FromManyThreadsAtOnce_LosesNothing()
    {
        var counter = new HotKeyCounter(100);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 100_000 && !cts.IsCancellationRequested; i++)
            {
                counter.Count(i % 2 == 0 ? "phone" : $"sku-{t}");
            }
        }, cts.Token)));

        var counts = Drain(counter, out _);
        Assert.Equal(200_000, counts["phone"]);
        Assert.All(Enumerable.Range(0, 4), t => Assert.Equal(50_000, counts[$"sku-{t}"]));
    }

    [Fact]
    public void Count_PastMaxTrackedSkus_CountsUntracked_AndAnIdleSkuIsForgotten()
    {
        var counter = new HotKeyCounter(2);
        counter.Count("a");
        counter.Count("b");
        counter.Count("c");
        counter.Count("not a sku!");

        Assert.Equal(["a", "b"], Drain(counter, out var untracked).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, untracked);

        counter.Count("a");
        Drain(counter, out _);
        Assert.Equal(1, counter.Tracked);
        counter.Count("c");
        Assert.Equal(["c"], Drain(counter, out untracked).Keys);
        Assert.Equal(0, untracked);
    }

    [Fact]
    public void Count_ASkuAlreadySeen_AllocatesNothing()
    {
        var counter = new HotKeyCounter(100);
        counter.Count("phone");

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            counter.Count("phone");
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
