using System.Collections.Immutable;

namespace FlashSale.Runtime.Membership;

/// <summary>
/// An immutable view of the cluster at one table version. Snapshots only move forward: a consumer that sees
/// version N never later sees a lower one.
/// </summary>
public sealed record ClusterMembershipSnapshot
{
    /// <summary>An empty view at version 0.</summary>
    public static readonly ClusterMembershipSnapshot Empty = new() { Members = ImmutableDictionary<SiloAddress, ClusterMember>.Empty, Version = 0 };

    /// <summary>Every known silo, dead ones included.</summary>
    public required ImmutableDictionary<SiloAddress, ClusterMember> Members { get; init; }

    /// <summary>The table version this view was built from.</summary>
    public required long Version { get; init; }

    /// <summary>The active silos, in address order.</summary>
    public IReadOnlyList<ClusterMember> ActiveMembers => [.. Members.Values.Where(m => m.Status == SiloStatus.Active).OrderBy(m => m.SiloAddress)];

    /// <summary>The status of a silo; <see cref="SiloStatus.None"/> when unknown.</summary>
    public SiloStatus GetStatus(SiloAddress silo) => Members.TryGetValue(silo, out var member) ? member.Status : SiloStatus.None;
}
