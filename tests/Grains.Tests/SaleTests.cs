namespace FlashSale.Grains.Tests;

[Trait("Category", "Integration")]
public sealed class SaleTests : IAsyncLifetime
{
    private SaleCluster _sale = null!;

    public async Task InitializeAsync() => _sale = await SaleCluster.StartAsync();

    public async Task DisposeAsync() => await _sale.DisposeAsync();

    private static string NewSku() => "sku-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task TenThousandBuyers_ThousandUnitsOverEightShards_SellExactlyTheStock_NoBuyerOverLimit()
    {
        var sku = NewSku();
        await _sale.CreateAsync(SaleCluster.Campaign(sku, stock: 1000, shards: 8, limit: 2));

        var results = await Bounded.RunAsync(20_000, 128, i => _sale.BuyAsync(sku, $"buyer-{i % 10_000}"));

        var purchased = results.Where(r => r.Outcome == PurchaseOutcome.Purchased).ToList();
        Assert.Equal(1000, purchased.Sum(r => r.Order!.Quantity));
        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { PurchaseOutcome.Purchased, PurchaseOutcome.SoldOut, PurchaseOutcome.LimitExceeded }));
        Assert.Equal(1000, _sale.UnitsInLog(sku));
        Assert.All(_sale.Orders.ForSku(sku).GroupBy(o => o.UserId), g => Assert.InRange(g.Sum(o => o.Quantity), 1, 2));
        Assert.Equal(purchased.Count, purchased.Select(r => r.Order!.OrderId).Distinct().Count());
    }

    [Fact]
    public async Task SkewedBuyers_AllOnTwoShards_StillSellEverything()
    {
        var sku = NewSku();
        var view = await _sale.CreateAsync(SaleCluster.Campaign(sku, stock: 500, shards: 8, limit: 1));
        var buyers = Enumerable.Range(0, 100_000).Select(i => $"skewed-{i}").Where(u => ShardRouting.ShardFor(u, view.ShardCount) < 2).Take(2000).ToList();

        var results = await Bounded.RunAsync(buyers.Count, 64, i => _sale.BuyAsync(sku, buyers[i]));

        Assert.Equal(500, results.Count(r => r.Outcome == PurchaseOutcome.Purchased));
        Assert.Equal(500, _sale.UnitsInLog(sku));
        // The SKU declares sold out once the shards have reported (about one report period later).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await _sale.Client.GetGrain<ISkuGrain>(sku).GetLedger())!.Status != SkuStatus.SoldOut)
        {
            Assert.True(DateTime.UtcNow < deadline, "the SKU was not declared sold out in time");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task RetriedRequest_GetsTheFirstAnswer_AndBuysNothingMore()
    {
        var sku = NewSku();
        await _sale.CreateAsync(SaleCluster.Campaign(sku, stock: 100, limit: 5));

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _sale.BuyAsync(sku, "alice", 2, "req-1")));
        var later = await _sale.BuyAsync(sku, "alice", 2, "req-1");

        Assert.All(concurrent.Append(later), r => Assert.Equal(PurchaseOutcome.Purchased, r.Outcome));
        Assert.Single(concurrent.Append(later).Select(r => r.Order!.OrderId).Distinct());
        Assert.Equal(2, _sale.UnitsInLog(sku));
    }

    [Fact]
    public async Task OneBuyerManyConcurrentRequests_PerUserLimitHolds()
    {
        var sku = NewSku();
        await _sale.CreateAsync(SaleCluster.Campaign(sku, stock: 100, limit: 3));

        var results = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => _sale.BuyAsync(sku, "bob")));

        Assert.Equal(3, results.Count(r => r.Outcome == PurchaseOutcome.Purchased));
        Assert.Equal(22, results.Count(r => r.Outcome == PurchaseOutcome.LimitExceeded));
        Assert.Equal(3, _sale.UnitsInLog(sku));
    }

    [Fact]
    public async Task InvalidCampaign_IsRefusedAndChangesNothing()
    {
        var sku = NewSku();
        var bad = SaleCluster.Campaign(sku, stock: -5) with { PerUserLimit = 0 };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _sale.Client.GetGrain<ISkuGrain>(sku).Configure(bad));

        Assert.Contains("stock", error.Message, StringComparison.Ordinal);
        Assert.Contains("perUserLimit", error.Message, StringComparison.Ordinal);
        Assert.Null(await _sale.Client.GetGrain<ISkuGrain>(sku).GetView());
    }

    [Fact]
    public async Task Replica_ServesTheViewAndSeesSoldOut()
    {
        var sku = NewSku();
        await _sale.CreateAsync(SaleCluster.Campaign(sku, stock: 3, shards: 2, limit: 3));
        var replica = _sale.Client.GetGrain<ISkuReplicaGrain>(sku);
        Assert.Equal(SkuStatus.Active, (await replica.Get())!.Status);

        await _sale.BuyAsync(sku, "carol", 3);
        await Bounded.RunAsync(10, 2, i => _sale.BuyAsync(sku, $"late-{i}"));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await replica.Get())!.Status != SkuStatus.SoldOut)
        {
            Assert.True(DateTime.UtcNow < deadline, "the replica did not see the SKU sold out in time");
            await Task.Delay(50);
        }

        Assert.Equal(0, (await replica.Get())!.Remaining);
    }
}
