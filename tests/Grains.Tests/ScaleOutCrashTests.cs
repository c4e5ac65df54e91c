namespace FlashSale.Grains.Tests;

/// <summary>A shard created by scale-outs dies with its silo; its next activation must rebuild its buyers' records.</summary>
[Trait("Category", "Chaos")]
public sealed class ScaleOutCrashTests
{
    [Fact]
    public async Task ReactivatedChild_AfterTwoSplitsAndAKill_RebuildsTheLimitFromTheOrderLogOverItsLineage()
    {
        await using var sale = await SaleCluster.StartAsync(3);
        const string Sku = "split-crash";
        await sale.CreateAsync(SaleCluster.Campaign(Sku, stock: 100, shards: 2, limit: 3));
        // Shard 0 under 2, shard 2 under 4, shard 6 under 8: one purchase on each shard of the lineage.
        var user = SaleCluster.FindUser("wanderer", u => ShardRouting.ShardFor(u, 2) == 0 && ShardRouting.ShardFor(u, 4) == 2 && ShardRouting.ShardFor(u, 8) == 6);
        Assert.Equal(PurchaseOutcome.Purchased, (await sale.BuyRoutedAsync(Sku, 2, user)).Outcome);
        Assert.Equal(4, await sale.ScaleOutAsync(Sku, 2));
        Assert.Equal(PurchaseOutcome.Purchased, (await sale.BuyRoutedAsync(Sku, 4, user)).Outcome);
        Assert.Equal(8, await sale.ScaleOutAsync(Sku, 4));
        var third = await sale.BuyRoutedAsync(Sku, 8, user);
        Assert.Equal(6, third.Order!.Shard);

        var child = sale.Client.GetGrain<IStockShardGrain>(ShardRouting.ShardKey(Sku, 6));
        var before = await child.GetCounters();
        await sale.Cluster.KillSiloAsync(sale.Cluster.ActiveSilos.First(s => s.SiloAddress.ToString() == before.Silo));
        await sale.Cluster.WaitForLivenessToStabilizeAsync();

        var refused = await RetryAsync(() => sale.BuyRoutedAsync(Sku, 8, user));
        var after = await RetryAsync(child.GetCounters);

        Assert.NotEqual(before.Epoch, after.Epoch);
        Assert.Equal(PurchaseOutcome.LimitExceeded, refused.Outcome);
        Assert.Equal(3, sale.UnitsInLog(Sku));
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is SiloUnavailableException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
