using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using FlashSale.Protection.HotKeys;
using Xunit.Abstractions;

namespace FlashSale.Grains.Tests;

/// <summary>Hot-key detection end to end: silos count, the aggregator flags and scales out, the sale stays exact.</summary>
[Trait("Category", "Integration")]
public sealed class HotKeyTests(ITestOutputHelper output)
{
    private const double Threshold = 200;

    [Fact]
    public async Task HotSku_PushedOverTheThreshold_IsFlaggedWithinTwoSeconds_GetsDoubleTheShards_AndTheSaleStaysExact()
    {
        const int Stock = 2000;
        const int Limit = 2;
        await using var sale = await SaleCluster.StartAsync(3, hotKeys: o =>
        {
            o.Threshold = Threshold;
            o.AutoScaleOut = true;
            o.ScaleOutCooldown = TimeSpan.FromMinutes(5);
        });
        var flagged = new ConcurrentBag<string>();
        using var listener = ListenToFlagged(flagged);
        const string Sku = "hot-phone";
        const string Cold = "cold-radio";
        await sale.CreateAsync(SaleCluster.Campaign(Sku, Stock, shards: 4, limit: Limit));
        await sale.CreateAsync(SaleCluster.Campaign(Cold, 100, shards: 4, limit: Limit));
        var aggregator = sale.Client.GetGrain<IHotKeyAggregatorGrain>(IHotKeyAggregatorGrain.GlobalKey);
        var shardCount = 4;

        // A bounded load: each buyer tries 8 times in a row (2 bought, 6 refused over the limit), so the 2,000 units last
        // about half the load (demand 4,000) and the sale is still on when the shards double. Routed by a view refreshed
        // every 200 requests like a gateway's; a trickle on the cold SKU. The watcher measures from the load's first
        // request to the SKU's first listing.
        var clock = Stopwatch.StartNew();
        var watcher = WaitUntilFlaggedAsync(aggregator, Sku, clock, TimeSpan.FromSeconds(15));

        // The last part of the load waits (bounded) for the doubling, so that new shards sell however fast the first
        // part went: 6,000 attempts buy at most 1,500 of the 2,000 units.
        var doubled = WaitForAsync(() => sale.Client.GetGrain<ISkuGrain>(Sku).GetView(), v => v!.ShardCount == 8, TimeSpan.FromSeconds(20));
        var load = Bounded.RunAsync(16_000, 16, async i =>
        {
            if (i >= 6_000)
            {
                await doubled;
            }

            if (i % 200 == 0)
            {
                Volatile.Write(ref shardCount, (await sale.Client.GetGrain<ISkuReplicaGrain>(Sku).Get())!.ShardCount);
                await sale.BuyRoutedAsync(Cold, 4, $"cold-{i}");
            }

            return await sale.BuyRoutedAsync(Sku, Volatile.Read(ref shardCount), $"buyer-{i / 8}");
        }, TimeSpan.FromSeconds(60));
        var (latency, first) = await watcher;
        var results = await load;
        output.WriteLine($"hot-key detection latency: {latency.TotalMilliseconds:F0} ms from the load's start (threshold {Threshold}/s, report period 500 ms)");

        Assert.True(latency < TimeSpan.FromSeconds(2), $"flagged after {latency.TotalMilliseconds:F0} ms");
        Assert.True(first.Hot);
        Assert.True(first.RatePerSecond > Threshold);
        var view = await WaitForAsync(() => sale.Client.GetGrain<ISkuGrain>(Sku).GetView(), v => v!.ShardCount == 8, TimeSpan.FromSeconds(10));
        Assert.True(view!.ReplicaCount >= 2);
        // Still listed after the load stopped (for the retention), with what was done.
        var status = Assert.Single(await aggregator.GetHotKeys(), s => s.Sku == Sku);
        Assert.Equal(1, status.ScaleOuts);
        Assert.Equal(8, status.ShardCount);
        Assert.Contains(status.Actions, a => a.Contains("shards 4 -> 8", StringComparison.Ordinal));
        Assert.DoesNotContain(await aggregator.GetHotKeys(), s => s.Sku == Cold);
        Assert.Contains(Sku, flagged);

        Assert.Equal(Stock, results.Where(r => r.Outcome == PurchaseOutcome.Purchased).Sum(r => r.Order!.Quantity));
        Assert.Equal(Stock, sale.UnitsInLog(Sku));
        Assert.All(sale.Orders.ForSku(Sku).GroupBy(o => o.UserId), g => Assert.InRange(g.Sum(o => o.Quantity), 1, Limit));
        Assert.Contains(sale.Orders.ForSku(Sku), o => o.Shard >= 4);
        await ScaleOutTests.AssertDriftFreeAsync(sale, Sku, Stock);
    }

    private static async Task<(TimeSpan Latency, HotKeyStatus Status)> WaitUntilFlaggedAsync(IHotKeyAggregatorGrain aggregator, string sku, Stopwatch clock, TimeSpan timeout)
    {
        while (clock.Elapsed < timeout)
        {
            if ((await aggregator.GetHotKeys()).FirstOrDefault(s => s.Sku == sku) is { } status)
            {
                return (clock.Elapsed, status);
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"SKU {sku} was not flagged within {timeout}.");
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(20);
        }
    }

    private static MeterListener ListenToFlagged(ConcurrentBag<string> flagged)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == HotKeyMetrics.MeterName && instrument.Name == "flashsale.hotkeys.flagged")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "sku" && tag.Value is string sku)
                {
                    flagged.Add(sku);
                }
            }
        });
        listener.Start();
        return listener;
    }
}
