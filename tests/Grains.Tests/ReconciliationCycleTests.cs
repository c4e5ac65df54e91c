namespace FlashSale.Grains.Tests;

[Trait("Category", "Integration")]
public sealed class ReconciliationCycleTests
{
    [Fact]
    public async Task ConfigureDuringReconciliationPass_NeitherWaitsForTheOther()
    {
        await using var sale = await SaleCluster.StartAsync(1);
        await sale.CreateAsync(SaleCluster.Campaign("cycle", stock: 100, shards: 2));
        var reconciliation = sale.Client.GetGrain<IReconciliationGrain>("global");
        var sku = sale.Client.GetGrain<ISkuGrain>("cycle");

        // A SKU update tracks itself with the reconciliation grain while a pass waits on the SKU: without the
        // interleaving each would hold the other until the call timeout (30 s).
        for (var i = 1; i <= 20; i++)
        {
            await Task.WhenAll(reconciliation.RunNow(), sku.Configure(SaleCluster.Campaign("cycle", stock: 100 + i, shards: 2)))
                .WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(120, (await sku.GetLedger())!.Campaign.Stock);
    }
}
