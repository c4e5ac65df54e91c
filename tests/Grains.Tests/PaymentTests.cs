using FlashSale.Runtime.Testing;

namespace FlashSale.Grains.Tests;

[Trait("Category", "Integration")]
public sealed class PaymentTests
{
    [Fact]
    public async Task UnpaidOrder_Expires_ItsUnitIsSoldAgain_LatePaymentRefused_PaidOrderKept()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));
        await using var sale = await SaleCluster.StartAsync(1, time, paymentWindow: TimeSpan.FromMinutes(15));
        var now = time.GetUtcNow();
        await sale.CreateAsync(SaleCluster.Campaign("pay", stock: 2, shards: 1, limit: 1, startsAt: now.AddHours(-1), endsAt: now.AddHours(5)));
        var orders = sale.Client.GetGrain<IOrderQueryGrain>(0);

        var paid = (await sale.BuyAsync("pay", "alice")).Order!;
        var unpaid = (await sale.BuyAsync("pay", "bob")).Order!;
        Assert.Equal(PurchaseOutcome.SoldOut, (await sale.BuyAsync("pay", "carol")).Outcome);
        Assert.Equal(PaymentOutcome.Paid, await orders.Pay(paid.OrderId));
        Assert.Equal(PaymentOutcome.Paid, await orders.Pay(paid.OrderId));

        // The reconciliation reminder expires it as time passes; calling the sweep again finds nothing more.
        time.Advance(TimeSpan.FromMinutes(16));
        await sale.Client.GetGrain<ISkuGrain>("pay").ExpireUnpaid();
        Assert.Equal(0, await sale.Client.GetGrain<ISkuGrain>("pay").ExpireUnpaid());

        Assert.Equal(PaymentOutcome.Expired, await orders.Pay(unpaid.OrderId));
        Assert.Equal(OrderStatus.Expired, (await orders.GetOrder(unpaid.OrderId))!.Status);
        Assert.Equal(OrderStatus.Paid, (await orders.GetOrder(paid.OrderId))!.Status);
        Assert.Equal(PurchaseOutcome.Purchased, (await sale.BuyAsync("pay", "carol")).Outcome);
        Assert.Equal(PurchaseOutcome.SoldOut, (await sale.BuyAsync("pay", "dave")).Outcome);
        Assert.Equal(2, sale.UnitsInLog("pay"));

        var report = (await sale.Client.GetGrain<IReconciliationGrain>("global").RunNow()).Single(r => r.Sku == "pay");
        Assert.True(report.Balanced, string.Join(" ", report.Drift));
        Assert.Equal(2, report.OrdersInLog);
        Assert.Equal(1, (await sale.Client.GetGrain<ISkuGrain>("pay").GetLedger())!.Expired);
    }

    [Fact]
    public async Task PaymentAndExpiryRacing_ExactlyOneWins()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));
        await using var sale = await SaleCluster.StartAsync(1, time, paymentWindow: TimeSpan.FromMinutes(15));
        var now = time.GetUtcNow();
        await sale.CreateAsync(SaleCluster.Campaign("race", stock: 50, shards: 2, limit: 1, startsAt: now.AddHours(-1), endsAt: now.AddHours(5)));
        var bought = await Bounded.RunAsync(50, 8, i => sale.BuyAsync("race", $"buyer-{i}"));
        time.Advance(TimeSpan.FromMinutes(15));

        // The window closes at exactly this instant: payments and the expiry sweep race; each order ends one way.
        var payments = bought.Select(b => sale.Client.GetGrain<IOrderQueryGrain>(0).Pay(b.Order!.OrderId)).ToList();
        await sale.Client.GetGrain<ISkuGrain>("race").ExpireUnpaid();
        var outcomes = await Task.WhenAll(payments);

        // The window is closed: every payment is refused, and every unit came back exactly once (by the reminder's
        // sweep or by this one, whichever ran first).
        Assert.All(outcomes, o => Assert.Equal(PaymentOutcome.Expired, o));
        Assert.Equal(0, sale.UnitsInLog("race"));
        var ledger = (await sale.Client.GetGrain<ISkuGrain>("race").GetLedger())!;
        Assert.Equal(50, ledger.Expired);
        Assert.Equal(0, ledger.Sold);
        Assert.Equal(50, ledger.Pool + ledger.Shards.Sum(s => s.Granted - s.Sold - s.Returned));
    }
}
