using FlashSale.Grains.Orders;

namespace FlashSale.Grains.Tests;

[Trait("Category", "Unit")]
public sealed class InMemoryOrderStoreTests
{
    private static Order NewOrder(string sku, string user, string request, string? orderId = null, int shard = 0, long epoch = 1, int quantity = 1) => new()
    {
        OrderId = orderId ?? $"{sku}-{user}-{request}",
        Sku = sku,
        UserId = user,
        Quantity = quantity,
        Price = 2.5m,
        CreatedAt = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(8)),
        RequestId = request,
        Shard = shard,
        Epoch = epoch,
    };

    [Fact]
    public void Commit_SameRequestTwice_ReturnsTheFirstOrder_AndStoresOne()
    {
        var store = new InMemoryOrderStore();
        var order = NewOrder("s", "alice", "r1", orderId: "o1");
        var first = store.Commit(order);
        var second = store.Commit(NewOrder("s", "alice", "r1", orderId: "o2"));

        Assert.Same(order, first);
        Assert.Equal(order, second);
        Assert.Equal(1, store.Count);
        Assert.Null(store.Get("o2"));
    }

    [Fact]
    public void Get_AfterCommit_RebuildsEveryField()
    {
        var store = new InMemoryOrderStore();
        var order = NewOrder("sku-1", "bob", "req-9", orderId: "sku-1-3-7-42", shard: 3, epoch: 7, quantity: 2);
        store.Commit(order);

        var read = store.Get("sku-1-3-7-42");

        Assert.Equal(order, read);
        Assert.Equal(TimeSpan.FromHours(8), read!.CreatedAt.Offset);
    }

    [Fact]
    public void TryTransition_OnlyFromPending_AndOnlyWhenAllowed()
    {
        var store = new InMemoryOrderStore();
        store.Commit(NewOrder("s", "alice", "r1", orderId: "o1"));

        Assert.False(store.TryTransition("o1", OrderStatus.Paid, _ => false, out var refused));
        Assert.Equal(OrderStatus.Pending, refused!.Status);
        Assert.True(store.TryTransition("o1", OrderStatus.Paid, _ => true, out var paid));
        Assert.Equal(OrderStatus.Paid, paid!.Status);
        Assert.False(store.TryTransition("o1", OrderStatus.Expired, _ => true, out var after));
        Assert.Equal(OrderStatus.Paid, after!.Status);
        Assert.Equal(OrderStatus.Paid, store.Get("o1")!.Status);
        Assert.False(store.TryTransition("missing", OrderStatus.Paid, _ => true, out var none));
        Assert.Null(none);
    }

    [Fact]
    public void Commit_ConcurrentDuplicates_KeepExactlyOneOrderPerRequest()
    {
        var store = new InMemoryOrderStore();
        const int Buyers = 20_000;
        var winners = new string[Buyers];
        Parallel.For(0, Buyers * 3, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var buyer = i % Buyers;
            var stored = store.Commit(NewOrder("hot", $"u{buyer}", "r", orderId: $"o{i}"));
            Interlocked.CompareExchange(ref winners[buyer], stored.OrderId, null);
            Assert.Equal(winners[buyer], stored.OrderId);
        });

        Assert.Equal(Buyers, store.Count);
        Assert.Equal(Buyers, store.ForSku("hot").Select(o => o.UserId).Distinct().Count());
        Assert.All(winners, id => Assert.NotNull(store.Get(id)));
    }

    [Fact]
    public void Commit_LongTextAndManySkus_GrowsItsChunksWithoutLosingOrders()
    {
        var store = new InMemoryOrderStore();
        var longUser = new string('x', 40_000);
        store.Commit(NewOrder("s0", longUser, "r", orderId: "long"));
        for (var i = 0; i < 5_000; i++)
        {
            store.Commit(NewOrder($"s{i % 40}", $"u{i}", "r", orderId: $"o{i}"));
        }

        Assert.Equal(longUser, store.Get("long")!.UserId);
        Assert.Equal(5_001, store.Count);
        Assert.Equal(126, store.ForSku("s0").Count());
        Assert.Equal("s39", store.Get("o4999")!.Sku);
        Assert.Empty(store.ForSku("unknown"));
    }

    [Fact]
    public void Commit_ReusedOrderId_TheLaterOrderWins()
    {
        var store = new InMemoryOrderStore();
        store.Commit(NewOrder("s", "alice", "r1", orderId: "same"));
        store.Commit(NewOrder("s", "bob", "r1", orderId: "same"));

        Assert.Equal("bob", store.Get("same")!.UserId);
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public void CountUnitsAndUserUnits_SkipExpired_AndExpireStopsAtMax()
    {
        var store = new InMemoryOrderStore();
        store.Commit(NewOrder("s", "alice", "r1", shard: 0, epoch: 1, quantity: 2));
        store.Commit(NewOrder("s", "alice", "r2", shard: 1, epoch: 1));
        store.Commit(NewOrder("s", "bob", "r1", shard: 1, epoch: 2));
        store.Commit(NewOrder("t", "bob", "r1", shard: 1, epoch: 2));

        var expired = store.Expire("s", DateTimeOffset.MaxValue, max: 1);

        Assert.Single(expired);
        Assert.Equal(OrderStatus.Expired, expired[0].Status);
        var all = store.CountUnits("s", includeExpired: true);
        Assert.Equal(new Dictionary<(int, long), int> { [(0, 1)] = 2, [(1, 1)] = 1, [(1, 2)] = 1 }, all);
        Assert.Equal(4 - expired[0].Quantity, store.CountUnits("s", includeExpired: false).Values.Sum());
        var units = store.UserUnits("s", shard => shard == 1);
        Assert.Equal(store.ForSku("s").Where(o => o.Shard == 1 && o.Status != OrderStatus.Expired).Sum(o => o.Quantity), units.Values.Sum());
        Assert.Empty(store.Expire("s", new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), max: 10));
    }

    [Fact]
    public void CountUnits_FollowsCommitsDuplicatesAndTransitions_AsAScanOfTheOrdersWould()
    {
        var store = new InMemoryOrderStore();
        var random = new Random(7);
        for (var i = 0; i < 3_000; i++)
        {
            var order = NewOrder(i % 3 == 0 ? "t" : "s", $"u{random.Next(400)}", $"r{random.Next(3)}", orderId: $"o{i}", shard: random.Next(4), epoch: random.Next(1, 3), quantity: 1 + random.Next(3));
            store.Commit(order);
            if (i % 7 == 0)
            {
                store.TryTransition($"o{random.Next(i + 1)}", random.Next(2) == 0 ? OrderStatus.Expired : OrderStatus.Paid, _ => true, out _);
            }
        }

        store.Expire("s", DateTimeOffset.MaxValue, max: 50);

        foreach (var sku in new[] { "s", "t" })
        {
            var orders = store.ForSku(sku).ToList();
            Dictionary<(int, long), int> Scan(bool includeExpired) => orders
                .Where(o => includeExpired || o.Status != OrderStatus.Expired)
                .GroupBy(o => (o.Shard, o.Epoch))
                .ToDictionary(g => g.Key, g => g.Sum(o => o.Quantity));

            Assert.Equal(Scan(includeExpired: true), store.CountUnits(sku, includeExpired: true));
            Assert.Equal(Scan(includeExpired: false), store.CountUnits(sku, includeExpired: false));
        }

        Assert.Empty(store.CountUnits("no-such-sku", includeExpired: true));
    }

    [Fact]
    public void Expire_OrderCommittedAfterNewerOnes_IsStillFoundWhenDue()
    {
        var store = new InMemoryOrderStore();
        var now = new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 50; i++)
        {
            store.Commit(NewOrder("s", $"u{i}", "r") with { CreatedAt = now.AddSeconds(i) });
        }

        // Written behind, or committed again after a crash: an hour older than everything before it.
        store.Commit(NewOrder("s", "late", "r") with { CreatedAt = now.AddHours(-1) });
        store.Commit(NewOrder("s", "newest", "r") with { CreatedAt = now.AddSeconds(60) });

        Assert.Empty(store.Expire("s", now.AddHours(-2), max: 100));
        var expired = store.Expire("s", now.AddMinutes(-30), max: 100);

        Assert.Equal("late", Assert.Single(expired).UserId);
        Assert.Equal(20, store.Expire("s", now.AddSeconds(19), max: 100).Count);
        Assert.Equal(OrderStatus.Pending, store.Get("s-u20-r")!.Status);
        Assert.Equal(31, store.Expire("s", now.AddSeconds(60), max: 100).Count);
        Assert.Empty(store.Expire("s", DateTimeOffset.MaxValue, max: 100));
    }

    [Fact]
    public void Expire_OverRandomCommitsTransitionsAndPasses_ExpiresWhatAScanOfTheOrdersWould()
    {
        var store = new InMemoryOrderStore();
        var random = new Random(11);
        var start = new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);
        var clock = start;
        var cutoff = start.AddMinutes(-1);
        for (var round = 0; round < 200; round++)
        {
            for (var i = 0; i < 40; i++)
            {
                clock = clock.AddMilliseconds(random.Next(0, 50));

                // Mostly in creation order; some a little out of it (within the slack), a few far out of it, a few from
                // a clock that runs ahead.
                var created = random.Next(400) switch
                {
                    < 20 => clock.AddMilliseconds(-random.Next(0, 900)),
                    < 40 => clock.AddSeconds(-random.Next(2, 120)),
                    < 41 => clock.AddSeconds(random.Next(2, 5)),
                    _ => clock,
                };
                var status = random.Next(30) switch
                {
                    0 => OrderStatus.Paid,
                    1 => OrderStatus.Expired,
                    _ => OrderStatus.Pending,
                };
                var sku = random.Next(4) == 0 ? "t" : "s";
                store.Commit(NewOrder(sku, $"u{round}-{i}", "r", orderId: $"o{round}-{i}") with { CreatedAt = created, Status = status });
                if (random.Next(10) == 0)
                {
                    store.TryTransition($"o{random.Next(round + 1)}-{random.Next(40)}", random.Next(3) == 0 ? OrderStatus.Expired : OrderStatus.Paid, _ => true, out _);
                }
            }

            // Passes move forward, now and then back a little (another silo's clock, a retried tick).
            cutoff = random.Next(8) == 0 ? cutoff.AddMilliseconds(-random.Next(0, 3_000)) : cutoff.AddMilliseconds(random.Next(0, 1_500));
            var sku2 = random.Next(2) == 0 ? "s" : "t";
            var due = store.ForSku(sku2).Where(o => o.Status == OrderStatus.Pending && o.CreatedAt <= cutoff).Select(o => o.OrderId).ToHashSet();
            var max = random.Next(3) == 0 ? Math.Max(1, due.Count / 2) : int.MaxValue;

            var expired = store.Expire(sku2, cutoff, max);

            Assert.Equal(Math.Min(max, due.Count), expired.Count);
            Assert.All(expired, o => Assert.Contains(o.OrderId, due));
            Assert.All(expired, o => Assert.Equal(OrderStatus.Expired, store.Get(o.OrderId)!.Status));
        }

        store.Expire("s", cutoff, int.MaxValue);
        store.Expire("t", cutoff, int.MaxValue);
        Assert.DoesNotContain(store.ForSku("s").Concat(store.ForSku("t")), o => o.Status == OrderStatus.Pending && o.CreatedAt <= cutoff);
    }
}
