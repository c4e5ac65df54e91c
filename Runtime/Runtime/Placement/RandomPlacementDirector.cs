using FlashSale.Runtime.Membership;

namespace FlashSale.Runtime.Placement;

/// <summary>A random candidate.</summary>
internal sealed class RandomPlacementDirector : IPlacementDirector
{
    public SiloAddress Choose(in PlacementTarget target, IReadOnlyList<ClusterMember> candidates) =>
        candidates[Random.Shared.Next(candidates.Count)].SiloAddress;
}
