using System.Net;
using FlashSale.Runtime.Invocation;
using FlashSale.Runtime.SystemTargets;

namespace FlashSale.Runtime.Membership;

/// <summary>
/// The membership table of a non-primary silo in development clustering: every call goes to the
/// <see cref="IMembershipTableSystemTarget"/> of the primary silo. The primary's generation is unknown here,
/// so it is addressed with generation 0, which the router treats as "whichever silo listens on that endpoint".
/// The runtime is resolved on first use, so this table can be built before the silo runtime exists.
/// </summary>
internal sealed class SystemTargetBasedMembershipTable(Func<IGrainReferenceRuntime> runtime, IPEndPoint primarySiloEndpoint) : IMembershipTable
{
    private IMembershipTableSystemTarget? _target;

    /// <summary>The address the primary's system target is called at (generation 0).</summary>
    public SiloAddress PrimaryAddress { get; } = new(primarySiloEndpoint, 0);

    private IMembershipTableSystemTarget Target => _target ??= runtime().GetSystemTarget<IMembershipTableSystemTarget>(PrimaryAddress);

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default) => Target.ReadAll().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken = default) =>
        Target.InsertRow(entry, version).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version, CancellationToken cancellationToken = default) =>
        Target.UpdateRow(entry, etag, version).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default) => Target.UpdateIAmAlive(entry).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default) =>
        Target.CleanupDefunctSiloEntries(beforeDate).WaitAsync(cancellationToken);
}
