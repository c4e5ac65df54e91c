namespace FlashSale.Runtime.Membership;

/// <summary>
/// The membership table: versioned rows with optimistic concurrency (Orleans' IMembershipTable). Every insert
/// and update names the table version it read and succeeds only if the table is still at that version (and,
/// for updates, the row still has the given ETag); the write then moves the table to the proposed version.
/// A false return means "someone else wrote first: read again".
/// </summary>
public interface IMembershipTable
{
    /// <summary>Creates what the table needs (schema, the version row) if it does not exist.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads every row of this cluster and the table version.</summary>
    Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts a row if no row exists for its silo and the table is at <paramref name="version"/> minus one.</summary>
    Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken = default);

    /// <summary>Replaces a row if its ETag is <paramref name="etag"/> and the table is at <paramref name="version"/> minus one.</summary>
    Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version, CancellationToken cancellationToken = default);

    /// <summary>Writes the IAmAlive time of a row, unconditionally and without changing the table version.</summary>
    Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Deletes the rows of silos that are dead and have not been alive since <paramref name="beforeDate"/>.</summary>
    Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default);
}
