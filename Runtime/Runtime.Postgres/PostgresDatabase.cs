using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;

namespace FlashSale.Runtime.Postgres;

/// <summary>
/// One PostgreSQL database as the providers of a process (a silo, a client) see it: one
/// <see cref="NpgsqlDataSource"/> (one connection pool) per connection string, one circuit breaker, and the schemas
/// created in it.
///
/// Design note (the PostgreSQL providers as a whole):
/// - Guarantees. Grain state: a write or clear succeeds only if the stored version equals the ETag the caller holds
///   ("UPDATE ... WHERE version = @etag", or an insert when no live row exists); otherwise nothing changes and the
///   caller gets <see cref="InconsistentStateException"/> with both versions. A committed write is durable (the
///   server's synchronous commit). Membership: every insert and update moves the cluster's version row with
///   "version = version + 1 WHERE version = @expected" in the same transaction as the row write and succeeds only if
///   both statements touch one row, so of two writers that read the same version exactly one wins; IAmAlive never
///   moves the version. Reminders: rows keyed by (service, grain, name) with the grain's ring hash, read whole or
///   by range.
/// - Invariants. The schema name is the only text spliced into SQL, and only after validation as an identifier and
///   quoting; every value is a parameter. Versions and ETags come from counters that never go back (grain state
///   keeps a tombstone on clear; membership and reminder ETags come from sequences), so an ETag is never handed out
///   twice for one key. Schema scripts are idempotent and applied under an advisory lock, once per schema and process.
/// - Failure behaviour. Transient errors are retried with jittered exponential backoff, each attempt passing the
///   database's circuit breaker (<see cref="PostgresResilience"/>); when retries are exhausted or the breaker is
///   open the caller gets <see cref="StorageUnavailableException"/> ("PostgreSQL is unavailable: ...") within a
///   bounded time. The providers never kill a silo: the membership protocol treats an unreadable table as "no
///   news" (nobody joins, nobody is declared dead) and retries on its own timers, and every provider recovers by
///   itself when the breaker's next trial call succeeds. A grain-state write whose reply was lost and that is
///   retried recognizes its own committed write by its write id instead of reporting a false conflict.
/// </summary>
public sealed class PostgresDatabase : IDisposable, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _schemas = new(StringComparer.Ordinal);
    private readonly Lazy<NpgsqlDataSource> _unpooled;
    private readonly ILogger _logger;

    internal PostgresDatabase(PostgresOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _logger = loggerFactory.CreateLogger<PostgresDatabase>();
        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            Timeout = Math.Max(1, (int)options.ConnectTimeout.TotalSeconds),
        };
        if (connection.MaxAutoPrepare == 0)
        {
            connection.MaxAutoPrepare = 64;
        }

        // The providers leave no session state behind (no SET, LISTEN, temporary table or session lock), so the reset
        // that the pool runs on every returned connection (seven statements the server parses before the next command)
        // buys nothing; it cost the durable order log about a tenth of its throughput. An explicit setting is kept.
        if (!Mentions(options.ConnectionString, "noresetonclose"))
        {
            connection.NoResetOnClose = true;
        }

        if (string.IsNullOrEmpty(connection.ApplicationName))
        {
            connection.ApplicationName = "flashsale";
        }

        // Npgsql's own logger is left out: it logs every command at Information. Failures reach the log through
        // the retry and breaker messages of PostgresResilience, with the exception.
        DataSource = new NpgsqlDataSourceBuilder(connection.ConnectionString).Build();
        connection.Pooling = false;
        _unpooled = new Lazy<NpgsqlDataSource>(() => new NpgsqlDataSourceBuilder(connection.ConnectionString).Build());
        Breaker = PostgresResilience.CreateBreaker(options, time, _logger);
    }

    /// <summary>The connection pool.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// Connections outside the pool, for a caller that keeps one for a long time: closing one really closes it, so one
    /// that failed or sat idle is not handed out again.
    /// </summary>
    public NpgsqlDataSource Unpooled => _unpooled.Value;

    /// <summary>The circuit breaker shared by every provider of this database.</summary>
    public ResiliencePipeline Breaker { get; }

    /// <summary>
    /// Creates <paramref name="schema"/> and its tables if they do not exist (once per process; a failed attempt is
    /// forgotten so the next call tries again).
    /// </summary>
    public Task EnsureSchemaAsync(string schema, PostgresResilience resilience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resilience);
        var lazy = _schemas.GetOrAdd(schema, s => new Lazy<Task>(() => CreateSchemaAsync(s, resilience)));
        return lazy.Value.IsCompletedSuccessfully ? Task.CompletedTask : lazy.Value.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_unpooled.IsValueCreated)
            {
                await _unpooled.Value.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            await DataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (_unpooled.IsValueCreated)
            {
                _unpooled.Value.Dispose();
            }
        }
        finally
        {
            DataSource.Dispose();
        }
    }

    private static bool Mentions(string? connectionString, string keyword)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (string key in given.Keys)
        {
            if (string.Equals(key.Replace(" ", string.Empty, StringComparison.Ordinal), keyword, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private async Task CreateSchemaAsync(string schema, PostgresResilience resilience)
    {
        try
        {
            await resilience.ExecuteAsync("schema creation", (this, schema), static async (s, ct) =>
            {
                var script = PostgresSchema.CreationScript(s.schema);
                await using var connection = await s.Item1.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
                await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
                {
                    lockCommand.Parameters.AddWithValue("key", (long)StableHash.Compute("flashsale-schema:" + s.schema));
                    await lockCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await using (var create = new NpgsqlCommand(script, connection, transaction))
                {
                    await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return true;
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            _schemas.TryRemove(schema, out _);
            throw;
        }

        PostgresLog.SchemaReady(_logger, schema);
    }
}
