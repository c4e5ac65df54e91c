using FlashSale.Runtime.Serialization;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Postgres.Storage;

/// <summary>
/// Grain storage in PostgreSQL: one row per (service id, grain id, state name) holding the state serialized by the
/// runtime's <see cref="Serializer"/> and an integer version that is the ETag. Writes and clears are conditional on
/// the ETag the caller holds and cost one round trip, conflict or not; <see cref="WriteStatesAsync{TState}"/>
/// writes many states in one round trip with a result per item. See <see cref="PostgresDatabase"/> for the
/// guarantees and the failure behaviour.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage
{
    private readonly PostgresDatabase _database;
    private readonly PostgresResilience _resilience;
    private readonly GrainStorageSql _sql;
    private readonly string _schema;
    private readonly int _commandTimeoutSeconds;
    private readonly ILogger _logger;

    /// <summary>Creates the provider named <paramref name="name"/> for the service <paramref name="serviceId"/>.</summary>
    public PostgresGrainStorage(string name, string serviceId, PostgresOptions options, PostgresDatabase database, TimeProvider time, ILogger<PostgresGrainStorage> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        Name = name;
        ServiceId = serviceId;
        _database = database;
        _schema = options.Schema;
        _sql = new GrainStorageSql(options.Schema);
        _commandTimeoutSeconds = Math.Max(1, (int)options.CommandTimeout.TotalSeconds);
        _logger = logger;
        _resilience = new PostgresResilience($"grain storage '{name}'", options, database.Breaker, time, logger);
    }

    /// <summary>The provider name.</summary>
    public string Name { get; }

    /// <summary>The service whose states this provider reads and writes.</summary>
    public string ServiceId { get; }

    /// <inheritdoc />
    public async Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await _database.EnsureSchemaAsync(_schema, _resilience, cancellationToken).ConfigureAwait(false);
        var (payload, version) = await _resilience.ExecuteAsync("read", (this, stateName, grainId), static async (s, ct) =>
        {
            await using var command = s.Item1._database.DataSource.CreateCommand(s.Item1._sql.Read);
            command.CommandTimeout = s.Item1._commandTimeoutSeconds;
            command.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = s.Item1.ServiceId });
            command.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = s.grainId.ToString() });
            command.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = s.stateName });
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (!await reader.ReadAsync(ct).ConfigureAwait(false) || await reader.IsDBNullAsync(0, ct).ConfigureAwait(false))
            {
                return ((byte[]?)null, 0L);
            }

            return (await reader.GetFieldValueAsync<byte[]>(0, ct).ConfigureAwait(false), reader.GetInt64(1));
        }, cancellationToken).ConfigureAwait(false);

        if (payload is null)
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = Serializer.Deserialize<TState>(payload);
        grainState.ETag = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var operation = new GrainStateOperation(GrainStateOperationKind.Write, stateName, grainId, grainState.ETag, Serializer.Serialize(grainState.State));
        var outcomes = await ExecuteAsync("write", [operation], cancellationToken).ConfigureAwait(false);
        ThrowIfConflict(operation, outcomes[0]);
        grainState.ETag = outcomes[0].ETag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var operation = new GrainStateOperation(GrainStateOperationKind.Clear, stateName, grainId, grainState.ETag, null);
        var outcomes = await ExecuteAsync("clear", [operation], cancellationToken).ConfigureAwait(false);
        ThrowIfConflict(operation, outcomes[0]);
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>
    /// Writes many states in one round trip (one implicit transaction: on a database error none is written and the
    /// whole batch is retried). Each item is conditional on its own ETag like <see cref="WriteStateAsync{TState}"/>;
    /// a conflicting item does not stop the others. Items written get their new ETag; the result of item i is at
    /// index i.
    /// </summary>
    public async Task<IReadOnlyList<GrainStateWriteResult>> WriteStatesAsync<TState>(IReadOnlyList<GrainStateWrite<TState>> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
        {
            return [];
        }

        // Rows are locked in key order, so that two batches touching the same rows cannot deadlock each other.
        var order = Enumerable.Range(0, writes.Count)
            .OrderBy(i => writes[i].GrainId.ToString(), StringComparer.Ordinal)
            .ThenBy(i => writes[i].StateName, StringComparer.Ordinal)
            .ToArray();
        var operations = order
            .Select(i => new GrainStateOperation(GrainStateOperationKind.Write, writes[i].StateName, writes[i].GrainId, writes[i].State.ETag, Serializer.Serialize(writes[i].State.State)))
            .ToArray();
        var outcomes = await ExecuteAsync("batched write", operations, cancellationToken).ConfigureAwait(false);
        var results = new GrainStateWriteResult[writes.Count];
        for (var k = 0; k < order.Length; k++)
        {
            var item = writes[order[k]];
            var outcome = outcomes[k];
            if (outcome.Succeeded)
            {
                item.State.ETag = outcome.ETag;
                item.State.RecordExists = true;
                results[order[k]] = new GrainStateWriteResult(true, null);
            }
            else
            {
                results[order[k]] = new GrainStateWriteResult(false, Conflict(operations[k], outcome));
            }
        }

        return results;
    }

    private async Task<GrainStateOutcome[]> ExecuteAsync(string what, GrainStateOperation[] operations, CancellationToken cancellationToken)
    {
        await _database.EnsureSchemaAsync(_schema, _resilience, cancellationToken).ConfigureAwait(false);
        var outcomes = await _resilience.ExecuteAsync(what, (this, operations), static async (s, ct) =>
        {
            await using var batch = s.Item1._database.DataSource.CreateBatch();
            batch.Timeout = s.Item1._commandTimeoutSeconds;
            foreach (var operation in s.operations)
            {
                batch.BatchCommands.Add(operation.ToCommand(s.Item1._sql, s.Item1.ServiceId));
            }

            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var results = new GrainStateOutcome[s.operations.Length];
            for (var i = 0; i < results.Length; i++)
            {
                if (i > 0 && !await reader.NextResultAsync(ct).ConfigureAwait(false))
                {
                    throw new InvalidOperationException($"PostgreSQL returned {i} result sets for a batch of {results.Length} grain-state statements.");
                }

                results[i] = await s.operations[i].ReadOutcomeAsync(reader, ct).ConfigureAwait(false);
            }

            return results;
        }, cancellationToken).ConfigureAwait(false);

        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i].RecoveredOwnWrite)
            {
                PostgresLog.OwnWriteFound(_logger, operations[i].GrainId, operations[i].StateName);
            }
        }

        return outcomes;
    }

    private void ThrowIfConflict(GrainStateOperation operation, GrainStateOutcome outcome)
    {
        if (!outcome.Succeeded)
        {
            throw Conflict(operation, outcome);
        }
    }

    private InconsistentStateException Conflict(GrainStateOperation operation, GrainStateOutcome outcome) => new(
        $"PostgreSQL grain storage '{Name}' refused to {(operation.Kind == GrainStateOperationKind.Write ? "write" : "clear")} state '{operation.StateName}' " +
        $"of {operation.GrainId}: it was changed since it was read (re-read it and decide again).",
        outcome.StoredEtag,
        operation.ETag);
}
