using FlashSale.Runtime.Testing;

namespace FlashSale.Grains.Tests;

[Trait("Category", "Integration")]
public sealed class SaleWindowTests
{
    [Fact]
    public async Task SaleWindow_IsEnforcedWithTheInjectedClock()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));
        await using var sale = await SaleCluster.StartAsync(1, time);
        var start = time.GetUtcNow().AddMinutes(10);
        await sale.CreateAsync(SaleCluster.Campaign("window", stock: 10, shards: 2, startsAt: start, endsAt: start.AddMinutes(5)));

        Assert.Equal(PurchaseOutcome.NotStarted, (await sale.BuyAsync("window", "early")).Outcome);

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(PurchaseOutcome.Purchased, (await sale.BuyAsync("window", "on-time")).Outcome);

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(PurchaseOutcome.Ended, (await sale.BuyAsync("window", "late")).Outcome);
        Assert.Equal(1, sale.UnitsInLog("window"));
    }
}
