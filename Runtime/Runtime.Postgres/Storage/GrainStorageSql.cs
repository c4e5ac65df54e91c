namespace FlashSale.Runtime.Postgres.Storage;

/// <summary>
/// The grain-state statements for one schema, with positional parameters only:
/// $1 service id, $2 grain id, $3 state name, then per statement the payload, the expected version and the write id.
/// Each conditional statement returns one row (written, version, write_id): the new version when it wrote, else
/// the stored live version (NULL for none or a tombstone) and the id of the write that produced it, so a conflict
/// costs no second round trip and a retried write can recognize its own committed attempt.
/// </summary>
internal sealed class GrainStorageSql
{
    public GrainStorageSql(string schema)
    {
        var table = $"{PostgresSchema.Quote(schema)}.grain_state";
        const string Key = "service_id = $1 AND grain_id = $2 AND state_name = $3";
        var fallback = $"""
            SELECT true, version, NULL::uuid FROM written
            UNION ALL
            SELECT false, CASE WHEN payload IS NULL THEN NULL ELSE version END, write_id FROM {table}
            WHERE {Key} AND NOT EXISTS (SELECT 1 FROM written)
            """;

        Read = $"SELECT payload, version FROM {table} WHERE {Key}";

        // $4 payload, $5 expected version, $6 write id.
        Update = $"""
            WITH written AS (
                UPDATE {table} SET payload = $4, version = version + 1, write_id = $6, modified_at = now()
                WHERE {Key} AND version = $5 AND payload IS NOT NULL
                RETURNING version)
            {fallback}
            """;

        // $4 payload, $5 write id. A tombstone (cleared state) counts as absent and keeps counting its version up.
        Insert = $"""
            WITH written AS (
                INSERT INTO {table} AS g (service_id, grain_id, state_name, payload, version, write_id, modified_at)
                VALUES ($1, $2, $3, $4, 1, $5, now())
                ON CONFLICT (service_id, grain_id, state_name) DO UPDATE
                SET payload = EXCLUDED.payload, version = g.version + 1, write_id = EXCLUDED.write_id, modified_at = now()
                WHERE g.payload IS NULL
                RETURNING version)
            {fallback}
            """;

        // $4 expected version, $5 write id. The row stays as a tombstone so that its version never goes back.
        Clear = $"""
            WITH written AS (
                UPDATE {table} SET payload = NULL, version = version + 1, write_id = $5, modified_at = now()
                WHERE {Key} AND version = $4 AND payload IS NOT NULL
                RETURNING version)
            {fallback}
            """;

        // A clear that holds no ETag succeeds only if there is no live record.
        LiveVersion = $"SELECT false, version, write_id FROM {table} WHERE {Key} AND payload IS NOT NULL";
    }

    /// <summary>Reads payload and version.</summary>
    public string Read { get; }

    /// <summary>Writes over the expected version.</summary>
    public string Update { get; }

    /// <summary>Writes when no live record exists.</summary>
    public string Insert { get; }

    /// <summary>Clears the expected version (leaves a tombstone).</summary>
    public string Clear { get; }

    /// <summary>The live version, if any, in the conditional statements' row shape.</summary>
    public string LiveVersion { get; }
}
