using FlashSale.Protection.Switches;
using FlashSale.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Grains.Tests;

/// <summary>Degrade switches as the silos honour them, with no gateway in front.</summary>
[Trait("Category", "Integration")]
public sealed class SwitchTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task WriteModeSwitch_FlippedTwiceDuringSale_SellsExactlyTheStock_KeepsEveryOrderAndLimit()
    {
        await using var sale = await SaleCluster.StartAsync(3);
        await sale.CreateAsync(SaleCluster.Campaign("flip", stock: 400, shards: 6, limit: 2));
        var switchboard = sale.Client.GetGrain<IDegradeSwitchGrain>(IDegradeSwitchGrain.GlobalKey);
        var fastInForce = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var backToDurable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;

        // The sale runs throughout; attempts past each mark wait for the flip, so that every mode sells a share.
        var buying = Bounded.RunAsync(1500, 16, async i =>
        {
            Interlocked.Increment(ref started);
            await (i >= 350 ? backToDurable.Task : i >= 150 ? fastInForce.Task : Task.CompletedTask);
            return await sale.BuyAsync("flip", $"buyer-{i % 500}", requestId: $"r-{i}");
        });
        await Eventually.UntilAsync(() => Volatile.Read(ref started) > 150, Deadline, "the durable part of the sale");
        await WaitForSilosAsync(sale, (await switchboard.SetSku("flip", new SwitchSet { WriteMode = WriteMode.Fast })).Version);
        fastInForce.SetResult();
        await Eventually.UntilAsync(() => Volatile.Read(ref started) > 350, Deadline, "the fast part of the sale");

        // Back to durable while fast-mode purchases are still in flight.
        await switchboard.SetSku("flip", null);
        backToDurable.SetResult();
        var results = await buying;

        Assert.Equal(400, results.Count(r => r.Outcome == PurchaseOutcome.Purchased));
        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { PurchaseOutcome.Purchased, PurchaseOutcome.SoldOut, PurchaseOutcome.LimitExceeded }));

        // Orders written behind reach the log too: every acknowledged order is kept, and no buyer has more than the limit.
        await Eventually.UntilAsync(() => sale.UnitsInLog("flip") == 400, Deadline, "every order to be in the log");
        var orders = sale.Orders.ForSku("flip").ToList();
        Assert.All(orders.GroupBy(o => o.UserId), g => Assert.InRange(g.Sum(o => o.Quantity), 1, 2));
        Assert.Equal(orders.Count, orders.Select(o => o.RequestId).Distinct().Count());
        var ledger = (await sale.Client.GetGrain<ISkuGrain>("flip").GetLedger())!;
        Assert.Contains(ledger.Shards, s => s.FastWrites);
        Assert.InRange(results.Skip(350).Count(r => r.Outcome == PurchaseOutcome.Purchased), 1, 400);
        var report = (await sale.Client.GetGrain<IReconciliationGrain>("global").RunNow()).Single(r => r.Sku == "flip");
        Assert.True(report.Balanced, string.Join(" ", report.Drift));
        Assert.Equal(400, report.LedgerSold);
    }

    [Fact]
    public async Task PauseSwitch_RefusesAtEveryShard_AndResumes()
    {
        await using var sale = await SaleCluster.StartAsync(2);
        await sale.CreateAsync(SaleCluster.Campaign("pause", stock: 10, shards: 4, limit: 1));
        var switchboard = sale.Client.GetGrain<IDegradeSwitchGrain>(IDegradeSwitchGrain.GlobalKey);

        await WaitForSilosAsync(sale, (await switchboard.SetGlobal(new SwitchSet { Paused = true, PauseReason = "Fire drill" })).Version);
        var paused = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => sale.BuyAsync("pause", $"buyer-{i}")));
        Assert.All(paused, r => Assert.Equal(PurchaseOutcome.Paused, r.Outcome));
        Assert.All(paused, r => Assert.Equal("Fire drill", r.Message));

        await WaitForSilosAsync(sale, (await switchboard.SetGlobal(SwitchSet.None)).Version);
        Assert.Equal(PurchaseOutcome.Purchased, (await sale.BuyAsync("pause", "buyer-0")).Outcome);
        Assert.Equal(0, (await sale.Client.GetGrain<ISkuGrain>("pause").GetLedger())!.Held);
    }

    [Fact]
    public async Task SwitchSetBeforeSiloStarts_IsHonouredByItsFirstActivations()
    {
        await using var sale = await SaleCluster.StartAsync(1);
        var paused = await sale.Client.GetGrain<IDegradeSwitchGrain>(IDegradeSwitchGrain.GlobalKey).SetSku("late", new SwitchSet { Paused = true, PauseReason = "Not yet" });
        await WaitForSilosAsync(sale, paused.Version);

        var newcomer = await sale.Cluster.StartAdditionalSiloAsync();
        await sale.Cluster.WaitForLivenessToStabilizeAsync();
        await sale.CreateAsync(SaleCluster.Campaign("late", stock: 32, shards: 16, limit: 1));

        // Activate every shard, find those placed on the new silo, and buy from each of them as one of its own
        // buyers (so that nothing is forwarded to a shard on the old silo).
        var counters = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => sale.Client.GetGrain<IStockShardGrain>(ShardRouting.ShardKey("late", i)).GetCounters()));
        var onNewcomer = counters.Where(c => c.Silo == newcomer.SiloAddress.ToString()).ToList();
        Assert.NotEmpty(onNewcomer);
        foreach (var shard in onNewcomer)
        {
            var buyer = SaleCluster.FindUser("buyer", u => ShardRouting.ShardFor(u, 16) == shard.Index);
            var result = await sale.Client.GetGrain<IStockShardGrain>(ShardRouting.ShardKey("late", shard.Index)).Purchase(new PurchaseRequest(buyer, 1, "r"));
            Assert.Equal(PurchaseOutcome.Paused, result.Outcome);
            Assert.Equal("Not yet", result.Message);
        }

        Assert.Equal(0, (await sale.Client.GetGrain<ISkuGrain>("late").GetLedger())!.Sold);
    }

    [Fact]
    public async Task Switchboard_BadInput_Throws_ChangesNothing()
    {
        await using var sale = await SaleCluster.StartAsync(1);
        var switchboard = sale.Client.GetGrain<IDegradeSwitchGrain>(IDegradeSwitchGrain.GlobalKey);
        var before = (await switchboard.Get()).Version;

        await Assert.ThrowsAsync<ArgumentException>(() => switchboard.SetSku("not a sku!", new SwitchSet { Paused = true }));
        await Assert.ThrowsAsync<ArgumentException>(() => switchboard.SetGlobal(new SwitchSet { PauseReason = new string('x', 201) }));
        await Assert.ThrowsAsync<ArgumentException>(() => switchboard.SetGlobal(new SwitchSet { WriteMode = (WriteMode)7 }));

        Assert.Equal(before, (await switchboard.Get()).Version);
    }

    private static Task<TimeSpan> WaitForSilosAsync(SaleCluster sale, long version) =>
        Eventually.UntilAsync(
            () => sale.Cluster.ActiveSilos.All(s => s.ServiceProvider.GetRequiredService<SwitchBoard>().Current.Version >= version),
            Deadline,
            $"every silo to apply switches version {version}");
}
