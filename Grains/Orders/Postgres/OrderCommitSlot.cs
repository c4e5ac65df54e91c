using Npgsql;
using NpgsqlTypes;

namespace FlashSale.Grains.Orders.Postgres;

/// <summary>
/// One of the order log's durable commit slots: a connection it keeps for itself and the batch INSERT prepared on it
/// (opened from <see cref="Runtime.Postgres.PostgresDatabase.Unpooled"/>; written-behind orders and flushes use a
/// short-lived slot on a pooled connection).
/// </summary>
/// <remarks>
/// Why not the pool: a hot SKU commits a batch every millisecond or two, and a pooled connection costs on each of them
/// a reset on return (seven statements parsed and run by the server before the next INSERT) and, as the pool hands
/// out its connections in turn, a different server process each time, each with its own caches. A slot that fails
/// closes its connection, so the next attempt (the provider's retry) starts from a new one; so does a slot left unused
/// for <see cref="IdleLifetime"/>, since the pool's pruning does not reach it and firewalls and load balancers drop
/// idle connections without a word after a few minutes.
/// </remarks>
internal sealed class OrderCommitSlot(NpgsqlDataSource source, OrderSql sql, int commandTimeoutSeconds, TimeProvider time) : IAsyncDisposable
{
    /// <summary>How long a slot keeps a connection it does not use.</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(1);

    private long _lastUsed;
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _insert;
    private NpgsqlParameter<string[]> _ids = null!;
    private NpgsqlParameter<string[]> _skus = null!;
    private NpgsqlParameter<string[]> _users = null!;
    private NpgsqlParameter<string[]> _requests = null!;
    private NpgsqlParameter<int[]> _quantities = null!;
    private NpgsqlParameter<decimal[]> _prices = null!;
    private NpgsqlParameter<DateTime[]> _created = null!;
    private NpgsqlParameter<int[]> _shards = null!;
    private NpgsqlParameter<long[]> _epochs = null!;
    private NpgsqlParameter<short[]> _statuses = null!;

    /// <summary>Inserts the batch in one statement and returns how many rows went in (the others existed already).</summary>
    public async Task<int> InsertAsync(IReadOnlyList<Order> batch, CancellationToken cancellationToken)
    {
        try
        {
            if (_insert is not null && time.GetElapsedTime(_lastUsed) > IdleLifetime)
            {
                await CloseAsync();
            }

            _lastUsed = time.GetTimestamp();
            var insert = _insert ?? await PrepareAsync(cancellationToken);
            var count = batch.Count;
            var ids = new string[count];
            var skus = new string[count];
            var users = new string[count];
            var requests = new string[count];
            var quantities = new int[count];
            var prices = new decimal[count];
            var created = new DateTime[count];
            var shards = new int[count];
            var epochs = new long[count];
            var statuses = new short[count];
            for (var i = 0; i < count; i++)
            {
                var order = batch[i];
                ids[i] = order.OrderId;
                skus[i] = order.Sku;
                users[i] = order.UserId;
                requests[i] = order.RequestId;
                quantities[i] = order.Quantity;
                prices[i] = order.Price;
                created[i] = order.CreatedAt.UtcDateTime;
                shards[i] = order.Shard;
                epochs[i] = order.Epoch;
                statuses[i] = (short)order.Status;
            }

            _ids.TypedValue = ids;
            _skus.TypedValue = skus;
            _users.TypedValue = users;
            _requests.TypedValue = requests;
            _quantities.TypedValue = quantities;
            _prices.TypedValue = prices;
            _created.TypedValue = created;
            _shards.TypedValue = shards;
            _epochs.TypedValue = epochs;
            _statuses.TypedValue = statuses;
            return await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            // The connection's state is unknown (a broken socket, a cancelled statement): the next attempt opens another.
            await CloseAsync();
            throw;
        }
    }

    /// <summary>A command on the slot's connection (valid after <see cref="InsertAsync"/> returned), with the provider's timeout.</summary>
    public NpgsqlCommand CreateCommand(string text) =>
        new(text, _connection ?? throw new InvalidOperationException("The commit slot has no connection.")) { CommandTimeout = commandTimeoutSeconds };

    /// <summary>Closes the connection after a failure of something else run on it.</summary>
    public Task FailAsync() => CloseAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await CloseAsync();

    private async Task<NpgsqlCommand> PrepareAsync(CancellationToken cancellationToken)
    {
        var connection = await source.OpenConnectionAsync(cancellationToken);
        try
        {
            var insert = new NpgsqlCommand(sql.InsertBatch, connection) { CommandTimeout = commandTimeoutSeconds };
            _ids = Add<string[]>(insert, "ids", NpgsqlDbType.Array | NpgsqlDbType.Varchar);
            _skus = Add<string[]>(insert, "skus", NpgsqlDbType.Array | NpgsqlDbType.Varchar);
            _users = Add<string[]>(insert, "users", NpgsqlDbType.Array | NpgsqlDbType.Varchar);
            _requests = Add<string[]>(insert, "requests", NpgsqlDbType.Array | NpgsqlDbType.Varchar);
            _quantities = Add<int[]>(insert, "quantities", NpgsqlDbType.Array | NpgsqlDbType.Integer);
            _prices = Add<decimal[]>(insert, "prices", NpgsqlDbType.Array | NpgsqlDbType.Numeric);
            _created = Add<DateTime[]>(insert, "created", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz);
            _shards = Add<int[]>(insert, "shards", NpgsqlDbType.Array | NpgsqlDbType.Integer);
            _epochs = Add<long[]>(insert, "epochs", NpgsqlDbType.Array | NpgsqlDbType.Bigint);
            _statuses = Add<short[]>(insert, "statuses", NpgsqlDbType.Array | NpgsqlDbType.Smallint);
            await insert.PrepareAsync(cancellationToken);
            _connection = connection;
            _insert = insert;
            return insert;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static NpgsqlParameter<T> Add<T>(NpgsqlCommand command, string name, NpgsqlDbType type)
    {
        var parameter = new NpgsqlParameter<T>(name, type);
        command.Parameters.Add(parameter);
        return parameter;
    }

    private async Task CloseAsync()
    {
        var insert = _insert;
        var connection = _connection;
        _insert = null;
        _connection = null;
        try
        {
            if (insert is not null)
            {
                await insert.DisposeAsync();
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
