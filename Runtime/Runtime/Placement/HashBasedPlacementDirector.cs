using FlashSale.Runtime.Membership;

namespace FlashSale.Runtime.Placement;

/// <summary>The candidate at the grain hash modulo the number of candidates (candidates come in address order).</summary>
internal sealed class HashBasedPlacementDirector : IPlacementDirector
{
    public SiloAddress Choose(in PlacementTarget target, IReadOnlyList<ClusterMember> candidates) =>
        candidates[(int)(target.GrainId.UniformHash % (uint)candidates.Count)].SiloAddress;
}
