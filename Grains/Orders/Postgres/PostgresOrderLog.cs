using System.Threading.Channels;
using FlashSale.Grains.Configuration;
using FlashSale.Runtime.Postgres;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FlashSale.Grains.Orders.Postgres;

/// <summary>
/// The order log in PostgreSQL, with group commit.
///
/// Durable appends wait in one queue per silo; a writer takes what is queued (up to
/// <see cref="FlashSaleOptions.OrderLogMaxBatch"/>; when no other commit is running it waits at most
/// <see cref="FlashSaleOptions.OrderLogMaxDelay"/> for a batch to fill) and commits it in one INSERT of parallel arrays, so a hot SKU costs one round trip per
/// batch, not per order; up to <see cref="FlashSaleOptions.OrderLogMaxBatchesInFlight"/> batches commit at once
/// (two by default: one fills while one commits, and the batch grows with the load), each on a connection it keeps with the INSERT prepared (<see cref="OrderCommitSlot"/>), and what is queued is shared among the free slots.
/// Each caller's task completes only after its batch committed: a buyer told "purchased" has a row. An order whose
/// (SKU, buyer, request id) already exists is not inserted again: the stored order is returned instead, which also makes a batch retried after a lost reply recognize its own rows. A batch that
/// cannot be committed (after the provider's retries, or with the breaker open) fails every caller in it, and the
/// shards give the units back. Written-behind orders (fast mode) are committed on a period and are lost if the silo
/// dies first; a batch that fails is kept for the next period.
/// </summary>
public sealed partial class PostgresOrderLog : IOrderLog, IAsyncDisposable
{
    /// <summary>The name of the <see cref="PostgresOptions"/> the order log uses.</summary>
    public const string OptionsName = "Orders";

    private readonly PostgresDatabase _database;
    private readonly PostgresResilience _resilience;
    private readonly PostgresOptions _options;
    private readonly OrderSql _sql;
    private readonly FlashSaleOptions _sale;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresOrderLog> _logger;
    // Not single-reader only because that channel cannot count what is queued, which splits a burst into batches.
    private readonly Channel<(Order Order, TaskCompletionSource<Order> Done)> _durable = Channel.CreateUnbounded<(Order, TaskCompletionSource<Order>)>(new UnboundedChannelOptions { SingleReader = false });
    // Read by the periodic writer and by FlushAsync (a graceful stop, a test): not single-reader.
    private readonly Channel<Order> _behind = Channel.CreateUnbounded<Order>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lazy<Task> _schema;
    private readonly Task _committer;
    private readonly Task _writeBehind;

    /// <summary>Creates the log and starts its writers.</summary>
    public PostgresOrderLog(PostgresDataSourceRegistry registry, IOptionsMonitor<PostgresOptions> options, IOptions<FlashSaleOptions> sale, TimeProvider time, ILogger<PostgresOrderLog> logger)
    {
        _options = options.Get(OptionsName);
        _database = registry.Get(_options);
        _resilience = new PostgresResilience("order log", _options, _database.Breaker, time, logger);
        _sql = new OrderSql(PostgresSchema.Quote(_options.Schema));
        _sale = sale.Value;
        _time = time;
        _logger = logger;
        _schema = new Lazy<Task>(CreateSchemaAsync);
        _committer = Task.Run(CommitLoopAsync);
        _writeBehind = Task.Run(WriteBehindLoopAsync);
    }

    /// <inheritdoc />
    public ValueTask<Order> AppendAsync(Order order, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<Order>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_durable.Writer.TryWrite((order, done)))
        {
            done.SetException(new ObjectDisposedException(nameof(PostgresOrderLog), "The order log is stopping; nothing was committed."));
        }

        return new(done.Task);
    }

    /// <inheritdoc />
    public void AppendBehind(Order order) => _behind.Writer.TryWrite(order);

    /// <inheritdoc />
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var orders = new List<Order>();
        while (_behind.Reader.TryRead(out var order))
        {
            orders.Add(order);
        }

        foreach (var chunk in orders.Chunk(_sale.OrderLogMaxBatch))
        {
            await CommitPooledAsync(chunk, cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task<Order?> GetAsync(string orderId, CancellationToken cancellationToken = default) =>
        _resilience.ExecuteAsync("read", orderId, async (id, ct) =>
        {
            await _schema.Value;
            await using var command = _database.DataSource.CreateCommand(_sql.SelectById);
            command.Parameters.AddWithValue("id", id);
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? ReadOrder(reader) : null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<(int Shard, long Epoch), int>> CountUnitsAsync(string sku, CancellationToken cancellationToken = default) =>
        CountAsync(sku, _sql.CountUnits, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<(int Shard, long Epoch), int>> CountAllUnitsAsync(string sku, CancellationToken cancellationToken = default) =>
        CountAsync(sku, _sql.CountAllUnits, cancellationToken);

    private Task<IReadOnlyDictionary<(int Shard, long Epoch), int>> CountAsync(string sku, string sql, CancellationToken cancellationToken) =>
        _resilience.ExecuteAsync("count", (sku, sql), async (key, ct) =>
        {
            await _schema.Value;
            await using var command = _database.DataSource.CreateCommand(key.sql);
            command.Parameters.AddWithValue("sku", key.sku);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var counts = new Dictionary<(int Shard, long Epoch), int>();
            while (await reader.ReadAsync(ct))
            {
                counts[(reader.GetInt32(0), reader.GetInt64(1))] = reader.GetInt32(2);
            }

            return (IReadOnlyDictionary<(int Shard, long Epoch), int>)counts;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<PaymentOutcome> PayAsync(string orderId, DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        _resilience.ExecuteAsync("pay", (orderId, cutoff), async (key, ct) =>
        {
            await _schema.Value;
            await using var connection = await _database.DataSource.OpenConnectionAsync(ct);
            await using (var pay = new NpgsqlCommand(_sql.Pay, connection))
            {
                pay.Parameters.AddWithValue("id", key.orderId);
                pay.Parameters.AddWithValue("cutoff", key.cutoff.UtcDateTime);
                if (await pay.ExecuteScalarAsync(ct) is not null)
                {
                    return PaymentOutcome.Paid;
                }
            }

            await using var status = new NpgsqlCommand(_sql.SelectStatus, connection);
            status.Parameters.AddWithValue("id", key.orderId);
            return await status.ExecuteScalarAsync(ct) switch
            {
                null => PaymentOutcome.UnknownOrder,
                short s when s == (short)OrderStatus.Paid => PaymentOutcome.Paid,
                _ => PaymentOutcome.Expired,
            };
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Order>> ExpireAsync(string sku, DateTimeOffset cutoff, int max, CancellationToken cancellationToken = default) =>
        _resilience.ExecuteAsync("expire", (sku, cutoff, max), async (key, ct) =>
        {
            await _schema.Value;
            await using var command = _database.DataSource.CreateCommand(_sql.Expire);
            command.Parameters.AddWithValue("sku", key.sku);
            command.Parameters.AddWithValue("cutoff", key.cutoff.UtcDateTime);
            command.Parameters.AddWithValue("max", key.max);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var expired = new List<Order>();
            while (await reader.ReadAsync(ct))
            {
                expired.Add(ReadOrder(reader));
            }

            return (IReadOnlyList<Order>)expired;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, int>> GetUserUnitsAsync(string sku, int shard, CancellationToken cancellationToken = default) =>
        _resilience.ExecuteAsync("user units", (sku, shard), async (key, ct) =>
        {
            await _schema.Value;
            await using var command = _database.DataSource.CreateCommand(_sql.UserUnits);
            command.Parameters.AddWithValue("sku", key.sku);
            command.Parameters.AddWithValue("shard", key.shard);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var units = new Dictionary<string, int>(StringComparer.Ordinal);
            while (await reader.ReadAsync(ct))
            {
                units[reader.GetString(0)] = reader.GetInt32(1);
            }

            return (IReadOnlyDictionary<string, int>)units;
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, int>> GetUserUnitsOverShardsAsync(string sku, IReadOnlyCollection<int> shards, Func<string, bool> includeBuyer, CancellationToken cancellationToken = default)
    {
        var units = await _resilience.ExecuteAsync("user units over shards", (sku, shards: shards.ToArray()), async (key, ct) =>
        {
            await _schema.Value;
            await using var command = _database.DataSource.CreateCommand(_sql.UserUnitsOverShards);
            command.Parameters.AddWithValue("sku", key.sku);
            command.Parameters.AddWithValue("shards", key.shards);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var units = new Dictionary<string, int>(StringComparer.Ordinal);
            while (await reader.ReadAsync(ct))
            {
                units[reader.GetString(0)] = reader.GetInt32(1);
            }

            return units;
        }, cancellationToken);

        // The routing hash is computed here, not in SQL: it is the processes' hash, which PostgreSQL does not have.
        return InMemoryOrderLog.Filter(units, includeBuyer);
    }

    /// <summary>Stops the writers: queued durable appends fail (nobody was told "purchased"), written-behind orders are dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        _durable.Writer.TryComplete();
        _behind.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _committer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _writeBehind.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (_durable.Reader.TryRead(out var pending))
        {
            pending.Done.TrySetException(new ObjectDisposedException(nameof(PostgresOrderLog), "The order log stopped; nothing was committed."));
        }

        _stopping.Dispose();
    }

    private async Task CommitLoopAsync()
    {
        var reader = _durable.Reader;
        using var inFlight = new SemaphoreSlim(_sale.OrderLogMaxBatchesInFlight);
        var slots = new OrderCommitSlot[_sale.OrderLogMaxBatchesInFlight];
        var free = new Stack<OrderCommitSlot>(slots.Length);
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = new OrderCommitSlot(_database.Unpooled, _sql, CommandTimeoutSeconds, _time);
            free.Push(slots[i]);
        }

        var running = new List<Task>();
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                // Several batches commit at once: PostgreSQL shares one WAL flush among concurrent commits.
                await inFlight.WaitAsync(_stopping.Token);

                // Share what is queued among the free commit slots (this one included): a burst becomes several
                // concurrent commits, each smaller and sooner, rather than one big commit that every caller waits on.
                var idle = inFlight.CurrentCount + 1;
                var share = Math.Clamp((reader.Count + idle - 1) / idle, 1, _sale.OrderLogMaxBatch);
                var batch = new List<(Order Order, TaskCompletionSource<Order> Done)>(share);
                Drain(reader, batch, share);
                if (batch.Count < share && idle == _sale.OrderLogMaxBatchesInFlight && _sale.OrderLogMaxDelay > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(_sale.OrderLogMaxDelay, _time, _stopping.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        foreach (var (_, done) in batch)
                        {
                            done.TrySetException(new ObjectDisposedException(nameof(PostgresOrderLog), "The order log stopped; nothing was committed."));
                        }

                        throw;
                    }

                    Drain(reader, batch, share);
                }

                if (batch.Count == 0)
                {
                    inFlight.Release();
                    continue;
                }

                running.RemoveAll(t => t.IsCompleted);
                OrderCommitSlot slot;
                lock (free)
                {
                    slot = free.Pop();
                }

                running.Add(CommitBatchAsync(batch, slot, free, inFlight));
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var slot in slots)
            {
                // One that cannot be closed cleanly is gone anyway; the others are still closed.
                await slot.DisposeAsync().AsTask().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task CommitBatchAsync(List<(Order Order, TaskCompletionSource<Order> Done)> batch, OrderCommitSlot slot, Stack<OrderCommitSlot> free, SemaphoreSlim inFlight)
    {
        try
        {
            var stored = await CommitAsync([.. batch.Select(b => b.Order)], slot, _stopping.Token);
            foreach (var (order, done) in batch)
            {
                done.TrySetResult(stored[(order.Sku, order.UserId, order.RequestId)]);
            }
        }
        catch (Exception e)
        {
            LogBatchFailed(_logger, batch.Count, e.Message);
            foreach (var (_, done) in batch)
            {
                done.TrySetException(e);
            }
        }
        finally
        {
            lock (free)
            {
                free.Push(slot);
            }

            inFlight.Release();
        }
    }

    private static void Drain(ChannelReader<(Order Order, TaskCompletionSource<Order> Done)> reader, List<(Order Order, TaskCompletionSource<Order> Done)> batch, int limit)
    {
        while (batch.Count < limit && reader.TryRead(out var item))
        {
            batch.Add(item);
        }
    }

    private async Task WriteBehindLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_sale.WriteBehindPeriod, _time, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var orders = new List<Order>();
            while (_behind.Reader.TryRead(out var order))
            {
                orders.Add(order);
            }

            foreach (var chunk in orders.Chunk(_sale.OrderLogMaxBatch))
            {
                try
                {
                    await CommitPooledAsync(chunk, _stopping.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Keep them for the next period: the database may be back by then.
                    LogWriteBehindFailed(_logger, chunk.Length, e.Message);
                    foreach (var order in chunk)
                    {
                        _behind.Writer.TryWrite(order);
                    }
                }
            }
        }
    }

    // The commit's statements are bounded by the batch, so the provider's timeout applies; the counting scans, which
    // grow with the sale, keep Npgsql's default.
    private int CommandTimeoutSeconds => Math.Max(1, (int)_options.CommandTimeout.TotalSeconds);

    /// <summary>Commits orders outside the durable slots (written-behind, a flush) on a pooled connection.</summary>
    private async Task CommitPooledAsync(IReadOnlyList<Order> orders, CancellationToken cancellationToken)
    {
        await using var slot = new OrderCommitSlot(_database.DataSource, _sql, CommandTimeoutSeconds, _time);
        await CommitAsync(orders, slot, cancellationToken);
    }

    /// <summary>Inserts the orders in one statement and returns, for each (SKU, buyer, request id), the stored order.</summary>
    private Task<Dictionary<(string Sku, string User, string Request), Order>> CommitAsync(IReadOnlyList<Order> orders, OrderCommitSlot slot, CancellationToken cancellationToken) =>
        _resilience.ExecuteAsync("commit", (orders, slot, this), static async (s, ct) =>
        {
            var (batch, slot, log) = s;
            await log._schema.Value;

            // The count, not RETURNING: returning every inserted id cost the server a tuple per order, and all of a
            // batch is inserted but for a retry or a repeated request.
            var affected = await slot.InsertAsync(batch, ct);
            var stored = new Dictionary<(string Sku, string User, string Request), Order>(batch.Count);
            if (affected == batch.Count)
            {
                foreach (var order in batch)
                {
                    stored[(order.Sku, order.UserId, order.RequestId)] = order;
                }

                return stored;
            }

            // Some were there already (a retry after a crash, this batch's lost reply, or one request twice in the
            // batch): read what is stored for the whole batch; an order stored under this batch's id is the caller's own.
            var mine = new Dictionary<string, Order>(StringComparer.Ordinal);
            foreach (var order in batch)
            {
                mine.TryAdd(order.OrderId, order);
            }

            try
            {
                await using var select = slot.CreateCommand(log._sql.SelectByRequests);
                select.Parameters.AddWithValue("skus", batch.Select(o => o.Sku).ToArray());
                select.Parameters.AddWithValue("users", batch.Select(o => o.UserId).ToArray());
                select.Parameters.AddWithValue("requests", batch.Select(o => o.RequestId).ToArray());
                await using var reader = await select.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var order = ReadOrder(reader);
                    stored[(order.Sku, order.UserId, order.RequestId)] = mine.GetValueOrDefault(order.OrderId) ?? order;
                }
            }
            catch
            {
                await slot.FailAsync();
                throw;
            }

            return stored;
        }, cancellationToken);

    private async Task CreateSchemaAsync()
    {
        var quoted = PostgresSchema.Quote(_options.Schema);
        using var stream = typeof(PostgresOrderLog).Assembly.GetManifestResourceStream("FlashSale.Grains.Orders.orders.sql")
            ?? throw new InvalidOperationException("orders.sql is not embedded in FlashSale.Grains.");
        using var text = new StreamReader(stream);
        // Silos start together: an advisory lock makes concurrent CREATE ... IF NOT EXISTS safe (PostgreSQL's are not).
        var script = "SELECT pg_advisory_xact_lock(hashtext('flashsale-orders-schema'));\n" +
            $"CREATE SCHEMA IF NOT EXISTS {quoted};\n" + (await text.ReadToEndAsync()).Replace("{schema}", quoted, StringComparison.Ordinal);
        await _resilience.ExecuteAsync("create schema", script, async (sql, ct) =>
        {
            await using var connection = await _database.DataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using (var command = new NpgsqlCommand(sql, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
            return 0;
        }, CancellationToken.None);
    }

    private static Order ReadOrder(NpgsqlDataReader reader) => new()
    {
        OrderId = reader.GetString(0),
        Sku = reader.GetString(1),
        UserId = reader.GetString(2),
        RequestId = reader.GetString(3),
        Quantity = reader.GetInt32(4),
        Price = reader.GetDecimal(5),
        CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(6), DateTimeKind.Utc)),
        Shard = reader.GetInt32(7),
        Epoch = reader.GetInt64(8),
        Status = (OrderStatus)reader.GetInt16(9),
    };

    [LoggerMessage(EventId = 1300, Level = LogLevel.Error, Message = "A batch of {Count} orders could not be committed; their buyers are told nothing was sold: {Reason}")]
    private static partial void LogBatchFailed(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "{Count} written-behind orders could not be committed yet; will retry: {Reason}")]
    private static partial void LogWriteBehindFailed(ILogger logger, int count, string reason);
}
