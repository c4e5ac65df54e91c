using FlashSale.Runtime.Membership;

namespace FlashSale.Runtime.Placement;

/// <summary>The less loaded of two random candidates ("power of two choices"), by their last reported activation counts.</summary>
internal sealed class ActivationCountPlacementDirector(SiloLoadStatistics statistics) : IPlacementDirector
{
    public SiloAddress Choose(in PlacementTarget target, IReadOnlyList<ClusterMember> candidates)
    {
        if (candidates.Count == 1)
        {
            return candidates[0].SiloAddress;
        }

        var a = candidates[Random.Shared.Next(candidates.Count)].SiloAddress;
        var b = candidates[Random.Shared.Next(candidates.Count)].SiloAddress;
        return statistics.GetActivationCount(a) <= statistics.GetActivationCount(b) ? a : b;
    }
}
