namespace FlashSale.Runtime.Postgres.Membership;

/// <summary>
/// The membership statements for one schema, with positional parameters. Rows are keyed by
/// $1 cluster id, $2 address, $3 port, $4 generation; the row columns follow as $5 silo name, $6 host name,
/// $7 datacenter, $8 status, $9 gateway port, $10 votes (jsonb text), $11 start time, $12 IAmAlive time.
/// </summary>
internal sealed class MembershipSql
{
    public MembershipSql(string schema)
    {
        var quoted = PostgresSchema.Quote(schema);
        var versions = $"{quoted}.membership_version";
        var rows = $"{quoted}.membership";
        var nextEtag = $"nextval('{quoted}.membership_etag_seq')";
        const string Key = "cluster_id = $1 AND address = $2 AND port = $3 AND generation = $4";

        InsertVersionRow = $"INSERT INTO {versions} (cluster_id, version) VALUES ($1, 0) ON CONFLICT (cluster_id) DO NOTHING";

        // One statement, one snapshot: the version and the rows it covers.
        ReadAll = $"""
            SELECT v.version, m.address, m.port, m.generation, m.silo_name, m.host_name, m.datacenter, m.status,
                   m.gateway_port, m.suspect_times::text, m.start_time, m.i_am_alive_time, m.etag
            FROM {versions} v LEFT JOIN {rows} m ON m.cluster_id = v.cluster_id
            WHERE v.cluster_id = $1
            """;

        // $2 the version the writer read. Locks the version row until the transaction ends: membership writes of a
        // cluster are serialized here, and of two writers that read the same version only the first passes.
        BumpVersion = $"UPDATE {versions} SET version = version + 1, updated_at = now() WHERE cluster_id = $1 AND version = $2";

        InsertRow = $"""
            INSERT INTO {rows} (cluster_id, address, port, generation, silo_name, host_name, datacenter, status, gateway_port,
                                suspect_times, start_time, i_am_alive_time, etag)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, {nextEtag})
            ON CONFLICT (cluster_id, address, port, generation) DO NOTHING
            """;

        // $13 the row's ETag.
        UpdateRow = $"""
            UPDATE {rows} SET silo_name = $5, host_name = $6, datacenter = $7, status = $8, gateway_port = $9,
                              suspect_times = $10::jsonb, start_time = $11, i_am_alive_time = $12, etag = {nextEtag}
            WHERE {Key} AND etag = $13
            """;

        // $5 the IAmAlive time. Changes the row's ETag (an older read cannot roll the time back) but not the version.
        UpdateIAmAlive = $"UPDATE {rows} SET i_am_alive_time = $5, etag = {nextEtag} WHERE {Key}";

        // $2 the cutoff.
        CleanupDefunct = $"DELETE FROM {rows} WHERE cluster_id = $1 AND status = {(int)SiloStatus.Dead} AND GREATEST(i_am_alive_time, start_time) < $2";
    }

    /// <summary>Creates the cluster's version row at version 0 if missing.</summary>
    public string InsertVersionRow { get; }

    /// <summary>Reads the version and every row of a cluster.</summary>
    public string ReadAll { get; }

    /// <summary>Moves the version on if it is still the one read.</summary>
    public string BumpVersion { get; }

    /// <summary>Inserts a row unless the silo has one.</summary>
    public string InsertRow { get; }

    /// <summary>Replaces a row if its ETag is still the one read.</summary>
    public string UpdateRow { get; }

    /// <summary>Writes the IAmAlive time.</summary>
    public string UpdateIAmAlive { get; }

    /// <summary>Deletes dead rows not alive since a date.</summary>
    public string CleanupDefunct { get; }
}
