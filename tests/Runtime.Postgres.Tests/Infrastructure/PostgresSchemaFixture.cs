using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FlashSale.Runtime.Postgres.Tests.Infrastructure;

/// <summary>A private schema (random name) in the test database for one test class; dropped at the end.</summary>
public sealed class PostgresSchemaFixture : IAsyncLifetime
{
    public PostgresSchemaFixture()
        : this(PostgresEnvironment.ConnectionString)
    {
    }

    internal PostgresSchemaFixture(string connectionString)
    {
        ConnectionString = connectionString;
        Registry = new PostgresDataSourceRegistry(TimeProvider.System, NullLoggerFactory.Instance);
    }

    public string ConnectionString { get; }

    public string Schema { get; } = $"test_{Guid.NewGuid():N}"[..20];

    public PostgresDataSourceRegistry Registry { get; }

    public PostgresDatabase Database => Registry.Get(Options());

    /// <summary>Options for this schema (the defaults unless <paramref name="configure"/> changes them).</summary>
    public PostgresOptions Options(Action<PostgresOptions>? configure = null)
    {
        var options = new PostgresOptions { ConnectionString = ConnectionString, Schema = Schema };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Configures a provider's options for this schema (for the silo builder extensions).</summary>
    public void Configure(PostgresOptions options)
    {
        options.ConnectionString = ConnectionString;
        options.Schema = Schema;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Registry.DisposeAsync();
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {PostgresSchema.Quote(Schema)} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // A private server that a test already stopped and deleted takes the schema with it.
        }
    }
}
