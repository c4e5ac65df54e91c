namespace FlashSale.Runtime.Postgres.Reminders;

/// <summary>
/// The reminder statements for one schema, with positional parameters: $1 service id, then $2 grain id and
/// $3 reminder name where a row is named.
/// </summary>
internal sealed class ReminderSql
{
    public ReminderSql(string schema)
    {
        var quoted = PostgresSchema.Quote(schema);
        var table = $"{quoted}.reminders";
        const string Columns = "grain_type, grain_key, reminder_name, start_at, period_ticks, etag";

        ReadRow = $"SELECT {Columns} FROM {table} WHERE service_id = $1 AND grain_id = $2 AND reminder_name = $3";
        ReadRows = $"SELECT {Columns} FROM {table} WHERE service_id = $1 AND grain_id = $2";
        ReadAll = $"SELECT {Columns} FROM {table} WHERE service_id = $1";

        // $2 begin, $3 end: the range (begin, end] of the ring, and its wrapping form when begin > end.
        ReadRange = $"SELECT {Columns} FROM {table} WHERE service_id = $1 AND grain_hash > $2 AND grain_hash <= $3";
        ReadWrappedRange = $"SELECT {Columns} FROM {table} WHERE service_id = $1 AND (grain_hash > $2 OR grain_hash <= $3)";

        // $4 grain type, $5 grain key, $6 grain hash, $7 start, $8 period in ticks. Every upsert takes a new ETag.
        Upsert = $"""
            INSERT INTO {table} (service_id, grain_id, reminder_name, grain_type, grain_key, grain_hash, start_at, period_ticks, etag)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, nextval('{quoted}.reminders_etag_seq'))
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
            SET start_at = EXCLUDED.start_at, period_ticks = EXCLUDED.period_ticks, etag = EXCLUDED.etag
            RETURNING etag
            """;

        // $4 the ETag.
        Delete = $"DELETE FROM {table} WHERE service_id = $1 AND grain_id = $2 AND reminder_name = $3 AND etag = $4";
    }

    /// <summary>Reads one reminder.</summary>
    public string ReadRow { get; }

    /// <summary>Reads the reminders of one grain.</summary>
    public string ReadRows { get; }

    /// <summary>Reads every reminder of the service.</summary>
    public string ReadAll { get; }

    /// <summary>Reads a non-wrapping range of the ring.</summary>
    public string ReadRange { get; }

    /// <summary>Reads a range of the ring that wraps around zero.</summary>
    public string ReadWrappedRange { get; }

    /// <summary>Inserts or replaces a reminder, returning its new ETag.</summary>
    public string Upsert { get; }

    /// <summary>Deletes a reminder if its ETag matches.</summary>
    public string Delete { get; }
}
