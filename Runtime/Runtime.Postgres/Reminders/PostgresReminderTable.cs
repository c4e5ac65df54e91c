using System.Globalization;
using FlashSale.Runtime.Reminders;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FlashSale.Runtime.Postgres.Reminders;

/// <summary>
/// Durable reminders in PostgreSQL: one row per (service id, grain id, reminder name) with the grain's hash on the
/// ring, so a silo reads the reminders of the ranges it owns (or all of them, with the range (0, 0]). A reminder is
/// in the table before its registration returns, so it outlives its grain's activation and the silo that
/// registered it; the reminder service of whichever silo owns the grain's hash after a membership change picks it
/// up at its next read. ETags come from a sequence and change on every upsert.
/// </summary>
public sealed class PostgresReminderTable : IReminderTable
{
    private readonly string _serviceId;
    private readonly string _schema;
    private readonly PostgresDatabase _database;
    private readonly PostgresResilience _resilience;
    private readonly ReminderSql _sql;
    private readonly int _commandTimeoutSeconds;

    /// <summary>Creates the reminder table of the service <paramref name="serviceId"/>.</summary>
    public PostgresReminderTable(string serviceId, PostgresOptions options, PostgresDatabase database, TimeProvider time, ILogger<PostgresReminderTable> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        _serviceId = serviceId;
        _schema = options.Schema;
        _database = database;
        _sql = new ReminderSql(options.Schema);
        _commandTimeoutSeconds = Math.Max(1, (int)options.CommandTimeout.TotalSeconds);
        _resilience = new PostgresResilience("reminder table", options, database.Breaker, time, logger);
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) => _database.EnsureSchemaAsync(_schema, _resilience, cancellationToken);

    /// <inheritdoc />
    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync("read", _sql.ReadRow, [grainId.ToString(), reminderName], cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        QueryAsync("read of a grain's reminders", _sql.ReadRows, [grainId.ToString()], cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken = default)
    {
        if (begin == end)
        {
            return QueryAsync("read of all reminders", _sql.ReadAll, [], cancellationToken);
        }

        return QueryAsync("read of a ring range", begin < end ? _sql.ReadRange : _sql.ReadWrappedRange, [(long)begin, (long)end], cancellationToken);
    }

    /// <inheritdoc />
    public async Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _database.EnsureSchemaAsync(_schema, _resilience, cancellationToken).ConfigureAwait(false);
        var etag = await _resilience.ExecuteAsync("upsert", (this, entry), static async (s, ct) =>
        {
            await using var command = s.Item1._database.DataSource.CreateCommand(s.Item1._sql.Upsert);
            command.CommandTimeout = s.Item1._commandTimeoutSeconds;
            var p = command.Parameters;
            p.Add(new NpgsqlParameter<string> { TypedValue = s.Item1._serviceId });
            p.Add(new NpgsqlParameter<string> { TypedValue = s.entry.GrainId.ToString() });
            p.Add(new NpgsqlParameter<string> { TypedValue = s.entry.ReminderName });
            p.Add(new NpgsqlParameter<string> { TypedValue = s.entry.GrainId.Type });
            p.Add(new NpgsqlParameter<string> { TypedValue = s.entry.GrainId.Key });
            p.Add(new NpgsqlParameter<long> { TypedValue = s.entry.GrainId.UniformHash });
            p.Add(new NpgsqlParameter<DateTime> { TypedValue = UtcTime.Of(s.entry.StartAt) });
            p.Add(new NpgsqlParameter<long> { TypedValue = s.entry.Period.Ticks });
            return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken).ConfigureAwait(false);
        return etag.ToString(CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string etag, CancellationToken cancellationToken = default)
    {
        if (!long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        await _database.EnsureSchemaAsync(_schema, _resilience, cancellationToken).ConfigureAwait(false);
        var deleted = await _resilience.ExecuteAsync("delete", (this, grainId, reminderName, version), static async (s, ct) =>
        {
            await using var command = s.Item1._database.DataSource.CreateCommand(s.Item1._sql.Delete);
            command.CommandTimeout = s.Item1._commandTimeoutSeconds;
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = s.Item1._serviceId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = s.grainId.ToString() });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = s.reminderName });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = s.version });
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return deleted == 1;
    }

    private async Task<IReadOnlyList<ReminderEntry>> QueryAsync(string what, string sql, object[] arguments, CancellationToken cancellationToken)
    {
        await _database.EnsureSchemaAsync(_schema, _resilience, cancellationToken).ConfigureAwait(false);
        return await _resilience.ExecuteAsync(what, (this, sql, arguments), static async (s, ct) =>
        {
            await using var command = s.Item1._database.DataSource.CreateCommand(s.sql);
            command.CommandTimeout = s.Item1._commandTimeoutSeconds;
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = s.Item1._serviceId });
            foreach (var argument in s.arguments)
            {
                command.Parameters.Add(argument switch
                {
                    string text => new NpgsqlParameter<string> { TypedValue = text },
                    long number => new NpgsqlParameter<long> { TypedValue = number },
                    _ => throw new ArgumentException($"Unsupported parameter type {argument.GetType()}.", nameof(arguments)),
                });
            }

            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var rows = new List<ReminderEntry>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                rows.Add(new ReminderEntry
                {
                    GrainId = GrainId.Create(reader.GetString(0), reader.GetString(1)),
                    ReminderName = reader.GetString(2),
                    StartAt = reader.GetFieldValue<DateTime>(3),
                    Period = TimeSpan.FromTicks(reader.GetInt64(4)),
                    ETag = reader.GetInt64(5).ToString(CultureInfo.InvariantCulture),
                });
            }

            return (IReadOnlyList<ReminderEntry>)rows;
        }, cancellationToken).ConfigureAwait(false);
    }
}
