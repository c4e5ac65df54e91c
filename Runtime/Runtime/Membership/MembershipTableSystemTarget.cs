namespace FlashSale.Runtime.Membership;

/// <summary>The primary silo's <see cref="IMembershipTableSystemTarget"/>: a thread-safe facade over its in-memory table.</summary>
internal sealed class MembershipTableSystemTarget(IMembershipTable table) : IMembershipTableSystemTarget
{
    /// <summary>The table served.</summary>
    public IMembershipTable Table => table;

    public Task<MembershipTableData> ReadAll() => table.ReadAllAsync();

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion version) => table.InsertRowAsync(entry, version);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion version) => table.UpdateRowAsync(entry, etag, version);

    public Task UpdateIAmAlive(MembershipEntry entry) => table.UpdateIAmAliveAsync(entry);

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => table.CleanupDefunctSiloEntriesAsync(beforeDate);
}
