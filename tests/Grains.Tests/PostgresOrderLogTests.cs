using FlashSale.Grains.Configuration;
using FlashSale.Grains.Orders.Postgres;
using FlashSale.Runtime.Postgres;
using FlashSale.Runtime.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlashSale.Grains.Tests;

/// <summary>The PostgreSQL order log against a real server (FLASHSALE_POSTGRES, set by scripts/test.sh).</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresOrderLogTests : IAsyncLifetime
{
    private readonly string _schema = "orders_" + Guid.NewGuid().ToString("N")[..12];
    private PostgresDataSourceRegistry _registry = null!;
    private PostgresOrderLog _log = null!;

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("FLASHSALE_POSTGRES") is { Length: > 0 } url
            ? url
            : throw new InvalidOperationException("FLASHSALE_POSTGRES is not set: run the tests with scripts/test.sh, or start a server with scripts/postgres.sh start and export its URL.");

    public Task InitializeAsync()
    {
        _registry = new PostgresDataSourceRegistry(TimeProvider.System, NullLoggerFactory.Instance);
        var options = new PostgresOptions { ConnectionString = ConnectionString, Schema = _schema };
        _log = new PostgresOrderLog(
            _registry,
            new StaticMonitor(options),
            Options.Create(new FlashSaleOptions { WriteBehindPeriod = TimeSpan.FromMinutes(5) }),
            TimeProvider.System,
            NullLogger<PostgresOrderLog>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _log.DisposeAsync();
        await using (var drop = _registry.Get(new PostgresOptions { ConnectionString = ConnectionString }).DataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await _registry.DisposeAsync();
    }

    private static Order NewOrder(string sku, string user, string request, int shard = 0, long epoch = 1) => new()
    {
        OrderId = Guid.NewGuid().ToString("N"),
        Sku = sku,
        UserId = user,
        Quantity = 1,
        Price = 12.34m,
        CreatedAt = DateTimeOffset.UtcNow,
        RequestId = request,
        Shard = shard,
        Epoch = epoch,
    };

    [Fact]
    public async Task ConcurrentAppends_AllCommitted_InFewRoundTrips_AndReadable()
    {
        var orders = Enumerable.Range(0, 2000).Select(i => NewOrder("s1", $"u{i}", "r", shard: i % 4)).ToList();

        var stored = await Task.WhenAll(orders.Select(o => _log.AppendAsync(o).AsTask()));

        Assert.Equal(orders.Select(o => o.OrderId), stored.Select(o => o.OrderId));
        var counts = await _log.CountUnitsAsync("s1");
        Assert.Equal(2000, counts.Values.Sum());
        Assert.Equal(500, counts[(1, 1)]);
        var read = await _log.GetAsync(orders[7].OrderId);
        Assert.Equal(12.34m, read!.Price);
        Assert.Equal("u7", read.UserId);
    }

    [Fact]
    public async Task SameRequestTwice_ReturnsTheFirstOrder_OneRow()
    {
        var first = await _log.AppendAsync(NewOrder("s2", "alice", "req-1"));
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _log.AppendAsync(NewOrder("s2", "alice", "req-1")).AsTask()));

        Assert.All(concurrent, o => Assert.Equal(first.OrderId, o.OrderId));
        Assert.Equal(1, (await _log.CountUnitsAsync("s2")).Values.Sum());
        Assert.Equal(1, (await _log.GetUserUnitsAsync("s2", 0))["alice"]);
    }

    [Fact]
    public async Task BatchMixingNewAndCommittedRequests_NewOnesKeepTheirOrders_RepeatsGetTheFirst()
    {
        var first = await _log.AppendAsync(NewOrder("s3", "alice", "req-1"));
        var fresh = Enumerable.Range(0, 20).Select(i => NewOrder("s3", $"b{i}", "req-1")).ToList();
        var repeat = NewOrder("s3", "alice", "req-1");

        var stored = await Task.WhenAll(fresh.Append(repeat).Select(o => _log.AppendAsync(o).AsTask()));

        Assert.Equal(fresh.Select(o => o.OrderId), stored.Take(20).Select(o => o.OrderId));
        Assert.Equal(first.OrderId, stored[20].OrderId);
        Assert.Equal(21, (await _log.CountUnitsAsync("s3")).Values.Sum());
    }

    [Fact]
    public async Task UserUnitsOverShards_SumsTheGivenShards_ForTheAcceptedBuyers_WithoutExpiredOrders()
    {
        await _log.AppendAsync(NewOrder("s4", "alice", "r1", shard: 0));
        await _log.AppendAsync(NewOrder("s4", "alice", "r2", shard: 2) with { Quantity = 2 });
        await _log.AppendAsync(NewOrder("s4", "alice", "r3", shard: 1));
        await _log.AppendAsync(NewOrder("s4", "bob", "r1", shard: 2));
        await _log.AppendAsync(NewOrder("s5", "alice", "r1", shard: 0));
        await _log.AppendAsync(NewOrder("s4", "carol", "r1", shard: 0) with { CreatedAt = DateTimeOffset.UtcNow.AddHours(-1) });
        Assert.Single(await _log.ExpireAsync("s4", DateTimeOffset.UtcNow.AddMinutes(-30), 10));

        var units = await _log.GetUserUnitsOverShardsAsync("s4", [0, 2], user => user != "bob");

        Assert.Equal(new Dictionary<string, int> { ["alice"] = 3 }, units);
    }

    [Fact]
    public async Task CommitConnectionsKilled_NextAppendsReconnect_AndCommit()
    {
        // A log of its own, whose connections carry a name no other test uses, so that only they are killed.
        var name = "orderlog-kill-" + Guid.NewGuid().ToString("N")[..8];
        // The kill fails a commit or two among few successes: a breaker judging that little would open.
        var options = new PostgresOptions { ConnectionString = ConnectionString + ";Application Name=" + name, Schema = _schema, BreakerMinimumThroughput = 1_000 };
        await using var log = new PostgresOrderLog(
            _registry,
            new StaticMonitor(options),
            Options.Create(new FlashSaleOptions { WriteBehindPeriod = TimeSpan.FromMinutes(5) }),
            TimeProvider.System,
            NullLogger<PostgresOrderLog>.Instance);
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => log.AppendAsync(NewOrder("s6", $"u{i}", "r")).AsTask()));

        await using (var kill = _registry.Get(new PostgresOptions { ConnectionString = ConnectionString }).DataSource.CreateCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name"))
        {
            kill.Parameters.AddWithValue("name", name);
            Assert.True((long)(await kill.ExecuteScalarAsync())! >= 1);
        }

        var after = Enumerable.Range(50, 50).Select(i => NewOrder("s6", $"u{i}", "r")).ToList();
        var stored = await Task.WhenAll(after.Select(o => log.AppendAsync(o).AsTask()));

        Assert.Equal(after.Select(o => o.OrderId), stored.Select(o => o.OrderId));
        Assert.Equal(100, (await _log.CountUnitsAsync("s6")).Values.Sum());
    }

    [Fact]
    public async Task CommitSlot_UnusedPastItsIdleLifetime_CommitsOnANewConnection()
    {
        await _log.AppendAsync(NewOrder("s7", "setup", "r"));
        var clock = new ManualTimeProvider();
        var database = _registry.Get(new PostgresOptions { ConnectionString = ConnectionString });
        await using var slot = new OrderCommitSlot(database.Unpooled, new OrderSql("\"" + _schema + "\""), 5, clock);

        Assert.Equal(1, await slot.InsertAsync([NewOrder("s7", "a", "r")], CancellationToken.None));
        var first = await BackendAsync(slot);
        clock.Advance(OrderCommitSlot.IdleLifetime / 2);
        Assert.Equal(1, await slot.InsertAsync([NewOrder("s7", "b", "r")], CancellationToken.None));
        var kept = await BackendAsync(slot);
        clock.Advance(OrderCommitSlot.IdleLifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await slot.InsertAsync([NewOrder("s7", "c", "r")], CancellationToken.None));
        var renewed = await BackendAsync(slot);

        Assert.Equal(first, kept);
        Assert.NotEqual(first, renewed);
        Assert.Equal(4, (await _log.CountUnitsAsync("s7")).Values.Sum());

        static async Task<int> BackendAsync(OrderCommitSlot slot)
        {
            await using var command = slot.CreateCommand("SELECT pg_backend_pid()");
            return (int)(await command.ExecuteScalarAsync())!;
        }
    }

    [Fact]
    public async Task WrittenBehind_CommittedOnlyByFlush()
    {
        _log.AppendBehind(NewOrder("s3", "bob", "r"));
        Assert.Empty(await _log.CountUnitsAsync("s3"));

        await _log.FlushAsync();

        Assert.Equal(1, (await _log.CountUnitsAsync("s3")).Values.Sum());
    }

    private sealed class StaticMonitor(PostgresOptions options) : IOptionsMonitor<PostgresOptions>
    {
        public PostgresOptions CurrentValue => options;

        public PostgresOptions Get(string? name) => options;

        public IDisposable? OnChange(Action<PostgresOptions, string?> listener) => null;
    }
}
