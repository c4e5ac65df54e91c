namespace FlashSale.Runtime.Membership;

/// <summary>The local silo's view of cluster membership.</summary>
public interface IClusterMembershipService
{
    /// <summary>The latest view.</summary>
    ClusterMembershipSnapshot CurrentSnapshot { get; }

    /// <summary>Raised (on a thread-pool thread) after each newer view is published, in version order.</summary>
    event Action<ClusterMembershipSnapshot>? SnapshotUpdated;

    /// <summary>Reads the table now and publishes a newer view if there is one.</summary>
    Task RefreshAsync(CancellationToken cancellationToken = default);
}
