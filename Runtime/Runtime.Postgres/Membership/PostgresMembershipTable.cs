using System.Globalization;
using System.Net;
using FlashSale.Runtime.Membership;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FlashSale.Runtime.Postgres.Membership;

/// <summary>
/// The membership table in PostgreSQL (Orleans' AdoNet clustering pattern): a version row per cluster id and a row
/// per silo incarnation keyed by (cluster id, address, port, generation). An insert or update succeeds only if, in
/// one transaction, the cluster's version moves from the version the writer read ("version = version + 1 WHERE
/// version = @expected") and the row write touches one row (no row yet for an insert; the ETag the writer read for
/// an update); otherwise the transaction is rolled back and the call returns false ("read again"). IAmAlive writes
/// change the row's ETag, never the version. Used by silos (the membership protocol) and by cluster clients (the
/// gateway list). Unavailability surfaces as <see cref="StorageUnavailableException"/>, which the membership
/// protocol treats as "no news": nobody is declared dead for it.
/// </summary>
public sealed class PostgresMembershipTable : IMembershipTable
{
    private readonly string _clusterId;
    private readonly string _schema;
    private readonly PostgresDatabase _database;
    private readonly PostgresResilience _resilience;
    private readonly MembershipSql _sql;
    private readonly int _commandTimeoutSeconds;

    /// <summary>Creates the table of the cluster <paramref name="clusterId"/>.</summary>
    public PostgresMembershipTable(string clusterId, PostgresOptions options, PostgresDatabase database, TimeProvider time, ILogger<PostgresMembershipTable> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        _clusterId = clusterId;
        _schema = options.Schema;
        _database = database;
        _sql = new MembershipSql(options.Schema);
        _commandTimeoutSeconds = Math.Max(1, (int)options.CommandTimeout.TotalSeconds);
        _resilience = new PostgresResilience("membership table", options, database.Breaker, time, logger);
    }

    /// <summary>The cluster whose rows this table reads and writes.</summary>
    public string ClusterId => _clusterId;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _database.EnsureSchemaAsync(_schema, _resilience, cancellationToken).ConfigureAwait(false);
        await _resilience.ExecuteAsync("initialization", this, static async (t, ct) =>
        {
            await using var command = t._database.DataSource.CreateCommand(t._sql.InsertVersionRow);
            command.CommandTimeout = t._commandTimeoutSeconds;
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = t._clusterId });
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await _database.EnsureSchemaAsync(_schema, _resilience, cancellationToken).ConfigureAwait(false);
        return await _resilience.ExecuteAsync("read", this, static async (t, ct) =>
        {
            await using var command = t._database.DataSource.CreateCommand(t._sql.ReadAll);
            command.CommandTimeout = t._commandTimeoutSeconds;
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = t._clusterId });
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var version = 0;
            var rows = new List<MembershipRow>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                version = reader.GetInt32(0);
                if (!await reader.IsDBNullAsync(1, ct).ConfigureAwait(false))
                {
                    rows.Add(ReadRow(reader));
                }
            }

            return new MembershipTableData(rows, new TableVersion(version, version.ToString(CultureInfo.InvariantCulture)));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        return WriteAsync("insert", entry, null, version, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var rowEtag)
            ? WriteAsync("update", entry, rowEtag, version, cancellationToken)
            : Task.FromResult(false);
    }

    /// <inheritdoc />
    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _database.EnsureSchemaAsync(_schema, _resilience, cancellationToken).ConfigureAwait(false);
        await _resilience.ExecuteAsync("IAmAlive write", (this, entry), static async (s, ct) =>
        {
            await using var command = s.Item1._database.DataSource.CreateCommand(s.Item1._sql.UpdateIAmAlive);
            command.CommandTimeout = s.Item1._commandTimeoutSeconds;
            s.Item1.AddKey(command.Parameters, s.entry.SiloAddress);
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = UtcTime.Of(s.entry.IAmAliveTime) });
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default)
    {
        await _database.EnsureSchemaAsync(_schema, _resilience, cancellationToken).ConfigureAwait(false);
        await _resilience.ExecuteAsync("cleanup", (this, beforeDate), static async (s, ct) =>
        {
            await using var command = s.Item1._database.DataSource.CreateCommand(s.Item1._sql.CleanupDefunct);
            command.CommandTimeout = s.Item1._commandTimeoutSeconds;
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = s.Item1._clusterId });
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = s.beforeDate.UtcDateTime });
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static MembershipRow ReadRow(NpgsqlDataReader reader)
    {
        var silo = new SiloAddress(new IPEndPoint(IPAddress.Parse(reader.GetString(1)), reader.GetInt32(2)), reader.GetInt32(3));
        var entry = new MembershipEntry
        {
            SiloAddress = silo,
            SiloName = reader.GetString(4),
            HostName = reader.GetString(5),
            Datacenter = reader.GetString(6),
            Status = (SiloStatus)reader.GetInt32(7),
            GatewayPort = reader.GetInt32(8),
            SuspectTimes = SuspectTimesJson.Read(reader.GetString(9)),
            StartTime = reader.GetFieldValue<DateTime>(10),
            IAmAliveTime = reader.GetFieldValue<DateTime>(11),
        };
        return new MembershipRow(entry, reader.GetInt64(12).ToString(CultureInfo.InvariantCulture));
    }

    // One transaction: move the version (locking the cluster's version row), then write the row; both must touch
    // exactly one row, or everything is rolled back and the writer is told to read again.
    private async Task<bool> WriteAsync(string what, MembershipEntry entry, long? rowEtag, TableVersion version, CancellationToken cancellationToken)
    {
        await _database.EnsureSchemaAsync(_schema, _resilience, cancellationToken).ConfigureAwait(false);
        return await _resilience.ExecuteAsync(what, (this, entry, rowEtag, expected: version.Version - 1), static async (s, ct) =>
        {
            var table = s.Item1;
            await using var connection = await table._database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (var bump = new NpgsqlCommand(table._sql.BumpVersion, connection, transaction))
            {
                bump.CommandTimeout = table._commandTimeoutSeconds;
                bump.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table._clusterId });
                bump.Parameters.Add(new NpgsqlParameter<int> { TypedValue = s.expected });
                if (await bump.ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1)
                {
                    await transaction.RollbackAsync(ct).ConfigureAwait(false);
                    return false;
                }
            }

            await using (var write = new NpgsqlCommand(s.rowEtag is null ? table._sql.InsertRow : table._sql.UpdateRow, connection, transaction))
            {
                write.CommandTimeout = table._commandTimeoutSeconds;
                table.AddRowParameters(write.Parameters, s.entry);
                if (s.rowEtag is { } etag)
                {
                    write.Parameters.Add(new NpgsqlParameter<long> { TypedValue = etag });
                }

                if (await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1)
                {
                    await transaction.RollbackAsync(ct).ConfigureAwait(false);
                    return false;
                }
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    private void AddKey(NpgsqlParameterCollection parameters, SiloAddress silo)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = _clusterId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.Endpoint.Address.ToString() });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Endpoint.Port });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Generation });
    }

    private void AddRowParameters(NpgsqlParameterCollection parameters, MembershipEntry entry)
    {
        AddKey(parameters, entry.SiloAddress);
        parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.SiloName });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.HostName });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Datacenter });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)entry.Status });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = entry.GatewayPort });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = SuspectTimesJson.Write(entry.SuspectTimes) });
        parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = UtcTime.Of(entry.StartTime) });
        parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = UtcTime.Of(entry.IAmAliveTime) });
    }
}
