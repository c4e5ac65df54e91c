using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Postgres;

/// <summary>
/// The databases of one service container (a silo, a client), one per connection string: providers that share a
/// connection string share its connection pool and circuit breaker (configured by the first of them). Disposed with
/// the container, which closes the pools.
/// </summary>
public sealed class PostgresDataSourceRegistry(TimeProvider time, ILoggerFactory loggerFactory) : IDisposable, IAsyncDisposable
{
    private readonly Dictionary<string, PostgresDatabase> _databases = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>The database of <paramref name="options"/>' connection string, created on first use.</summary>
    public PostgresDatabase Get(PostgresOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_databases.TryGetValue(options.ConnectionString, out var database))
            {
                database = new PostgresDatabase(options, time, loggerFactory);
                _databases.Add(options.ConnectionString, database);
            }

            return database;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var database in TakeAll())
        {
            await database.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var database in TakeAll())
        {
            database.Dispose();
        }
    }

    private List<PostgresDatabase> TakeAll()
    {
        lock (_lock)
        {
            _disposed = true;
            List<PostgresDatabase> databases = [.. _databases.Values];
            _databases.Clear();
            return databases;
        }
    }
}
