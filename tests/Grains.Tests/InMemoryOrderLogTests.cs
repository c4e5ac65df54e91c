using FlashSale.Grains.Configuration;
using FlashSale.Grains.Orders;
using Microsoft.Extensions.Options;

namespace FlashSale.Grains.Tests;

[Trait("Category", "Unit")]
public sealed class InMemoryOrderLogTests
{
    internal static Order NewOrder(string sku, string user, string request, int shard, int quantity = 1) => new()
    {
        OrderId = Guid.NewGuid().ToString("N"),
        Sku = sku,
        UserId = user,
        Quantity = quantity,
        Price = 1m,
        CreatedAt = DateTimeOffset.UtcNow,
        RequestId = request,
        Shard = shard,
        Epoch = 1,
    };

    [Fact]
    public async Task UserUnitsOverShards_SumsTheGivenShards_ForTheAcceptedBuyers_WithoutExpiredOrders()
    {
        var store = new InMemoryOrderStore();
        await using var log = new InMemoryOrderLog(store, Options.Create(new FlashSaleOptions()), TimeProvider.System);
        await log.AppendAsync(NewOrder("s", "alice", "r1", shard: 0));
        await log.AppendAsync(NewOrder("s", "alice", "r2", shard: 2, quantity: 2));
        await log.AppendAsync(NewOrder("s", "alice", "r3", shard: 1));
        await log.AppendAsync(NewOrder("s", "bob", "r1", shard: 2));
        await log.AppendAsync(NewOrder("other", "alice", "r1", shard: 0));
        var expired = await log.AppendAsync(NewOrder("s", "carol", "r1", shard: 0));
        store.TryTransition(expired.OrderId, OrderStatus.Expired, _ => true, out _);

        var units = await log.GetUserUnitsOverShardsAsync("s", [0, 2], user => user != "bob");

        Assert.Equal(new Dictionary<string, int> { ["alice"] = 3 }, units);
    }
}
