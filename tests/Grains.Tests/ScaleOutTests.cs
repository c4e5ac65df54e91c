using System.Collections.Concurrent;
using FlashSale.Runtime.Testing;

namespace FlashSale.Grains.Tests;

/// <summary>Doubling a SKU's shard count while it sells: buyers' records move to the new shards, stale routers are forwarded.</summary>
[Trait("Category", "Integration")]
public sealed class ScaleOutTests : IAsyncLifetime
{
    private SaleCluster _sale = null!;

    public async Task InitializeAsync() => _sale = await SaleCluster.StartAsync();

    public async Task DisposeAsync() => await _sale.DisposeAsync();

    private static string NewSku() => "split-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task ScaleOut_TwiceDuringARunningSale_SellsExactlyTheStock_NoBuyerOverLimit_OneOrderPerRequest_DriftFree()
    {
        var sku = NewSku();
        await AssertSaleSurvivesTwoSplitsAsync(_sale, sku);
        Assert.All(_sale.Orders.ForSku(sku).GroupBy(o => (o.UserId, o.RequestId)), g => Assert.Single(g));
    }

    /// <summary>
    /// Runs a sale whose demand exceeds its stock, doubles the shard count twice while units are left, and checks the
    /// invariants through the order log (memory or PostgreSQL).
    /// </summary>
    internal static async Task AssertSaleSurvivesTwoSplitsAsync(SaleCluster sale, string sku)
    {
        const int Stock = 3600;
        const int Buyers = 2000;
        const int Limit = 2;
        await sale.CreateAsync(SaleCluster.Campaign(sku, Stock, shards: 4, limit: Limit));
        var freshCount = 4;
        var results = new ConcurrentDictionary<int, PurchaseResult>();

        // Round 0 and 1 are each buyer's two purchases (demand 4,000 > stock); round 2 retries round 0's request id.
        // Half of the attempts route by the campaign's first count (a router that never refreshed), half by the
        // current one; the shard count doubles at a quarter and at half of round 1, while units are left.
        await Bounded.RunAsync(3 * Buyers, 32, async i =>
        {
            if (i == Buyers + (Buyers / 4) || i == Buyers + (Buyers / 2))
            {
                var before = Volatile.Read(ref freshCount);
                Volatile.Write(ref freshCount, await sale.ScaleOutAsync(sku, before));
            }

            var (buyer, round) = (i % Buyers, i / Buyers);
            var count = i % 2 == 0 ? 4 : Volatile.Read(ref freshCount);
            results[i] = await sale.BuyRoutedAsync(sku, count, $"buyer-{buyer}", 1, $"req-{buyer}-{round % 2}");
            return 0;
        });

        Assert.Equal(16, (await sale.Client.GetGrain<ISkuGrain>(sku).GetView())!.ShardCount);
        Assert.All(results.Values, r => Assert.Contains(r.Outcome, new[] { PurchaseOutcome.Purchased, PurchaseOutcome.SoldOut, PurchaseOutcome.LimitExceeded }));
        var purchased = results.Values.Where(r => r.Outcome == PurchaseOutcome.Purchased).Select(r => r.Order!).ToList();
        Assert.Equal(Stock, purchased.DistinctBy(o => o.OrderId).Sum(o => o.Quantity));
        Assert.All(purchased.GroupBy(o => (o.UserId, o.RequestId)), g => Assert.Single(g.Select(o => o.OrderId).Distinct()));
        for (var buyer = 0; buyer < Buyers; buyer++)
        {
            // The retry of round 0 got round 0's answer, wherever the buyer's records had moved meanwhile.
            if (results[buyer].Outcome == PurchaseOutcome.Purchased)
            {
                Assert.Equal(results[buyer].Order!.OrderId, results[(2 * Buyers) + buyer].Order?.OrderId);
            }
        }

        var logged = await sale.Log.CountUnitsAsync(sku);
        Assert.Equal(Stock, logged.Values.Sum());
        Assert.Contains(logged.Keys, k => k.Shard >= 8);
        var perBuyer = await sale.Log.GetUserUnitsOverShardsAsync(sku, [.. Enumerable.Range(0, 16)], _ => true);
        Assert.All(perBuyer.Values, units => Assert.InRange(units, 1, Limit));
        await AssertDriftFreeAsync(sale, sku, Stock);
    }

    [Fact]
    public async Task BuyerAtTheParent_AfterTheSplit_IsRefusedOverTheLimitAtTheChild_AndARetryGetsTheFirstOrder()
    {
        var sku = NewSku();
        await _sale.CreateAsync(SaleCluster.Campaign(sku, stock: 100, shards: 2, limit: 2));
        var user = SaleCluster.FindUser("mover", u => ShardRouting.ShardFor(u, 2) == 0 && ShardRouting.ShardFor(u, 4) == 2);
        var first = await _sale.BuyRoutedAsync(sku, 2, user, 2, "first");
        Assert.Equal(PurchaseOutcome.Purchased, first.Outcome);

        Assert.Equal(4, await _sale.ScaleOutAsync(sku, 2));
        var more = await _sale.BuyRoutedAsync(sku, 4, user, 1, "second");
        var retry = await _sale.BuyRoutedAsync(sku, 4, user, 2, "first");

        Assert.Equal(PurchaseOutcome.LimitExceeded, more.Outcome);
        Assert.Equal(PurchaseOutcome.Purchased, retry.Outcome);
        Assert.Equal(first.Order!.OrderId, retry.Order!.OrderId);
        Assert.Equal(2, _sale.Orders.ForSku(sku).Where(o => o.UserId == user).Sum(o => o.Quantity));
    }

    [Fact]
    public async Task StaleRouter_AfterTheSplit_IsForwardedToTheBuyersShard_AndTheLimitCountsBoth()
    {
        var sku = NewSku();
        await _sale.CreateAsync(SaleCluster.Campaign(sku, stock: 100, shards: 2, limit: 2));
        var mover = SaleCluster.FindUser("moved", u => ShardRouting.ShardFor(u, 2) == 0 && ShardRouting.ShardFor(u, 4) == 2);
        var stayer = SaleCluster.FindUser("stayed", u => ShardRouting.ShardFor(u, 2) == 0 && ShardRouting.ShardFor(u, 4) == 0);
        Assert.Equal(4, await _sale.ScaleOutAsync(sku, 2));
        // The child's activation takes the hand-off, from which its parent learns the new count.
        await _sale.Client.GetGrain<IStockShardGrain>(ShardRouting.ShardKey(sku, 2)).GetCounters();

        var stale = await _sale.BuyRoutedAsync(sku, 2, mover);
        var fresh = await _sale.BuyRoutedAsync(sku, 4, mover);
        var staleOverLimit = await _sale.BuyRoutedAsync(sku, 2, mover);
        var stayed = await _sale.BuyRoutedAsync(sku, 2, stayer);

        Assert.Equal(PurchaseOutcome.Purchased, stale.Outcome);
        Assert.Equal(2, stale.Order!.Shard);
        Assert.Equal(PurchaseOutcome.Purchased, fresh.Outcome);
        Assert.Equal(PurchaseOutcome.LimitExceeded, staleOverLimit.Outcome);
        Assert.Equal(0, stayed.Order!.Shard);
    }

    [Fact]
    public async Task ScaleOut_WithAStaleExpectedCount_OrAtTheCap_ChangesNothing()
    {
        var sku = NewSku();
        await _sale.CreateAsync(SaleCluster.Campaign(sku, stock: 10, shards: 4));
        var grain = _sale.Client.GetGrain<ISkuGrain>(sku);

        var racing = await Task.WhenAll(grain.ScaleOut(4, 64), grain.ScaleOut(4, 64));
        var stale = await grain.ScaleOut(4, 64);
        var capped = await grain.ScaleOut(8, 15);
        await grain.Configure(SaleCluster.Campaign(sku, stock: 10, shards: 4));

        Assert.Equal([8, 8], racing);
        Assert.Equal(8, stale);
        Assert.Equal(8, capped);
        Assert.Equal(8, (await grain.GetView())!.ShardCount);
        Assert.Equal(8, (await grain.GetLedger())!.Campaign.Shards);
        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Configure(SaleCluster.Campaign(sku, stock: 10, shards: 16)));
    }

    [Fact]
    public async Task RaiseReplicas_ViewShowsTheCount_NeverLowers_AndEveryReplicaKeyServesTheSku()
    {
        var sku = NewSku();
        await _sale.CreateAsync(SaleCluster.Campaign(sku, stock: 10));
        var grain = _sale.Client.GetGrain<ISkuGrain>(sku);
        Assert.Equal(1, (await grain.GetView())!.ReplicaCount);

        Assert.Equal(4, await grain.RaiseReplicas(4));
        Assert.Equal(4, await grain.RaiseReplicas(2));

        Assert.Equal(4, (await grain.GetView())!.ReplicaCount);
        foreach (var replica in Enumerable.Range(0, 4))
        {
            var view = await _sale.Client.GetGrain<ISkuReplicaGrain>(ReplicaKeys.For(sku, replica)).Get();
            Assert.Equal(sku, view!.Sku);
        }
    }

    internal static async Task AssertDriftFreeAsync(SaleCluster sale, string sku, int stock)
    {
        var reconciler = sale.Client.GetGrain<IReconciliationGrain>("global");
        ReconciliationReport? report = null;
        try
        {
            // Shards report their sales in batches: the ledger catches up within a report period or two.
            await Eventually.UntilAsync(
                async () =>
                {
                    report = (await reconciler.RunNow()).Single(r => r.Sku == sku);
                    return report.Balanced && report.LedgerSold == stock;
                },
                TimeSpan.FromSeconds(20),
                "the ledger to catch up with the order log");
        }
        catch (TimeoutException)
        {
            // The assertions below say what is off.
        }

        Assert.NotNull(report);
        Assert.True(report.Balanced, string.Join(" ", report.Drift));
        Assert.Equal(stock, report.LedgerSold);
        Assert.Equal(stock, report.OrdersInLog);
        Assert.Equal(0, report.Pool + report.InShards + report.Held);
    }
}
