namespace FlashSale.Runtime.Membership;

/// <summary>
/// The cluster as routing, placement and the directory see it: the latest membership snapshot and its
/// changes. A silo without clustering configured sees a cluster of itself alone.
/// </summary>
internal interface IClusterView
{
    /// <summary>The latest snapshot.</summary>
    ClusterMembershipSnapshot Snapshot { get; }

    /// <summary>Raised after each newer snapshot.</summary>
    event Action<ClusterMembershipSnapshot>? Changed;
}
