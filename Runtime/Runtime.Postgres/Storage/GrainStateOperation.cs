using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace FlashSale.Runtime.Postgres.Storage;

/// <summary>
/// One conditional write or clear of a grain's state, as a batch command and the interpretation of its result row.
/// The write id is fixed when the operation is created, so every retry of it carries the same one.
/// </summary>
internal sealed record GrainStateOperation(GrainStateOperationKind Kind, string StateName, GrainId GrainId, string? ETag, byte[]? Payload)
{
    /// <summary>Identifies this operation's row version, so that a retry after a lost reply can find its own commit.</summary>
    public Guid WriteId { get; } = Guid.NewGuid();

    /// <summary>The statement with its parameters.</summary>
    public NpgsqlBatchCommand ToCommand(GrainStorageSql sql, string serviceId)
    {
        var command = new NpgsqlBatchCommand();
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = GrainId.ToString(), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StateName, NpgsqlDbType = NpgsqlDbType.Text });
        if (Kind == GrainStateOperationKind.Clear && ETag is null)
        {
            command.CommandText = sql.LiveVersion;
            return command;
        }

        if (Kind == GrainStateOperationKind.Write)
        {
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Payload ?? [], NpgsqlDbType = NpgsqlDbType.Bytea });
        }

        if (ETag is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ParseEtag(ETag), NpgsqlDbType = NpgsqlDbType.Bigint });
        }

        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = WriteId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.CommandText = (Kind, ETag) switch
        {
            (GrainStateOperationKind.Clear, _) => sql.Clear,
            (_, null) => sql.Insert,
            _ => sql.Update,
        };
        return command;
    }

    /// <summary>Reads this operation's result set (the reader is positioned on it) into an outcome.</summary>
    public async Task<GrainStateOutcome> ReadOutcomeAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // No row at all: nothing stored under this key. A clear without an ETag has nothing to do; anything else
            // expected a record that is not there.
            return Kind == GrainStateOperationKind.Clear && ETag is null
                ? new GrainStateOutcome(true, null, null, false)
                : new GrainStateOutcome(false, null, null, false);
        }

        var written = reader.GetBoolean(0);
        long? version = await reader.IsDBNullAsync(1, cancellationToken).ConfigureAwait(false) ? null : reader.GetInt64(1);
        Guid? writeId = await reader.IsDBNullAsync(2, cancellationToken).ConfigureAwait(false) ? null : reader.GetGuid(2);
        var etag = version?.ToString(CultureInfo.InvariantCulture);
        if (written)
        {
            return new GrainStateOutcome(true, Kind == GrainStateOperationKind.Write ? etag : null, null, false);
        }

        var ownCommit = writeId == WriteId && (Kind == GrainStateOperationKind.Write ? version is not null : version is null);
        return ownCommit
            ? new GrainStateOutcome(true, Kind == GrainStateOperationKind.Write ? etag : null, null, true)
            : new GrainStateOutcome(false, null, etag, false);
    }

    // Versions are positive; an ETag that is not one (another provider's, or garbage) can never match.
    private static long ParseEtag(string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;
}
