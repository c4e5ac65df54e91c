namespace FlashSale.Grains.Tests;

/// <summary>Two activations of one shard at once, as a directory hand-off can briefly allow while a silo joins.</summary>
[Trait("Category", "Chaos")]
public sealed class DuplicateActivationTests
{
    [Fact]
    public async Task ShardReplacedWhileItsSiloLives_OldActivationStopsAndGivesBack_NeverOversells()
    {
        await using var sale = await SaleCluster.StartAsync(2);
        await sale.CreateAsync(SaleCluster.Campaign("dup", stock: 100, shards: 1, limit: 1));
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(PurchaseOutcome.Purchased, (await sale.BuyAsync("dup", $"early-{i}")).Outcome);
        }

        var host = (await sale.Client.GetGrain<IStockShardGrain>(ShardRouting.ShardKey("dup", 0)).GetCounters()).Silo;
        var other = sale.Cluster.ActiveSilos.Select(s => s.SiloAddress.ToString()).First(s => s != host);

        // What the duplicate does when it activates: register as shard 0, from another live silo. The first
        // activation still holds 70 units and buyers still reach it.
        await sale.Client.GetGrain<ISkuGrain>("dup").RegisterShard(0, other);
        var results = await Bounded.RunAsync(200, 8, async i =>
        {
            var result = await sale.BuyAsync("dup", $"late-{i}", requestId: $"r-{i}");
            for (var retry = 0; retry < 10 && result.Outcome == PurchaseOutcome.Unavailable; retry++)
            {
                result = await sale.BuyAsync("dup", $"late-{i}", requestId: $"r-{i}");
            }

            return result;
        });

        // Its units were fenced, not put back on sale under it: it sold them or gave them back, and every unit was
        // sold exactly once.
        Assert.Equal(70, results.Count(r => r.Outcome == PurchaseOutcome.Purchased));
        Assert.Equal(100, sale.UnitsInLog("dup"));
        await ScaleOutTests.AssertDriftFreeAsync(sale, "dup", 100);
    }
}
