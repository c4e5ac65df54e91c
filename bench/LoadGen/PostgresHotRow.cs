using Npgsql;

namespace FlashSale.LoadGen;

/// <summary>
/// The PostgreSQL baseline: one hot row in a throwaway table, N connections each looping
/// <c>UPDATE stock SET n = n - 1 WHERE sku = $1 AND n &gt; 0</c> (autocommit, default durability).
/// </summary>
internal sealed class PostgresHotRow : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly string _table;
    private readonly NpgsqlCommand[] _commands;

    private PostgresHotRow(NpgsqlDataSource source, string table, NpgsqlCommand[] commands)
    {
        _source = source;
        _table = table;
        _commands = commands;
    }

    public static async Task<PostgresHotRow> StartAsync(string connectionString, int connections, long stock)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = Math.Max(connections + 2, 100) };
        var source = NpgsqlDataSource.Create(builder.ConnectionString);
        var table = "loadgen_stock_" + Guid.NewGuid().ToString("N")[..8];
        await using (var create = source.CreateCommand($"CREATE TABLE {table} (sku text PRIMARY KEY, n bigint NOT NULL); INSERT INTO {table} VALUES ('hot', {stock})"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var commands = new NpgsqlCommand[connections];
        for (var i = 0; i < connections; i++)
        {
            var connection = await source.OpenConnectionAsync();
            var command = new NpgsqlCommand($"UPDATE {table} SET n = n - 1 WHERE sku = $1 AND n > 0", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = "hot" });
            await command.PrepareAsync();
            commands[i] = command;
        }

        return new PostgresHotRow(source, table, commands);
    }

    public async ValueTask<CallOutcome> DeductAsync(int worker) =>
        await _commands[worker].ExecuteNonQueryAsync() == 1 ? CallOutcome.Accepted : CallOutcome.Rejected;

    public async Task<long> RemainingAsync()
    {
        await using var command = _source.CreateCommand($"SELECT n FROM {_table} WHERE sku = 'hot'");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands)
        {
            var connection = command.Connection;
            await command.DisposeAsync();
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }

        await using (var drop = _source.CreateCommand($"DROP TABLE IF EXISTS {_table}"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await _source.DisposeAsync();
    }
}
