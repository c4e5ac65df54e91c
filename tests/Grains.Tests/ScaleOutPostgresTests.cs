namespace FlashSale.Grains.Tests;

/// <summary>The shard split on the PostgreSQL order log, where commits are asynchronous: a hand-off waits for them.</summary>
[Trait("Category", "Postgres")]
public sealed class ScaleOutPostgresTests
{
    [Fact]
    public async Task ScaleOut_TwiceDuringARunningSaleOnPostgres_SellsExactlyTheStock_NoBuyerOverLimit_DriftFree()
    {
        var schema = "split_" + Guid.NewGuid().ToString("N")[..12];
        await using var sale = await SaleCluster.StartAsync(3, postgresSchema: schema);

        await ScaleOutTests.AssertSaleSurvivesTwoSplitsAsync(sale, "pg-split");
    }
}
