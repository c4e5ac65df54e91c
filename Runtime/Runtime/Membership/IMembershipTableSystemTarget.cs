namespace FlashSale.Runtime.Membership;

/// <summary>
/// The development membership table, hosted in memory by the primary silo and called by the others through
/// <see cref="SystemTargetBasedMembershipTable"/>. Its methods are those of <see cref="IMembershipTable"/>,
/// with the same optimistic-concurrency semantics.
/// </summary>
public interface IMembershipTableSystemTarget : ISystemTarget
{
    /// <summary>Reads every row and the table version.</summary>
    Task<MembershipTableData> ReadAll();

    /// <summary>Inserts a row if none exists for its silo and the table is at the version before <paramref name="version"/>.</summary>
    Task<bool> InsertRow(MembershipEntry entry, TableVersion version);

    /// <summary>Replaces a row if its ETag is <paramref name="etag"/> and the table is at the version before <paramref name="version"/>.</summary>
    Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion version);

    /// <summary>Writes a row's IAmAlive time without changing the table version.</summary>
    Task UpdateIAmAlive(MembershipEntry entry);

    /// <summary>Deletes the rows of silos dead and not alive since <paramref name="beforeDate"/>.</summary>
    Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate);
}
