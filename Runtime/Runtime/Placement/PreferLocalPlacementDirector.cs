using FlashSale.Runtime.Membership;

namespace FlashSale.Runtime.Placement;

/// <summary>The local silo when it is a candidate, else a random one.</summary>
internal sealed class PreferLocalPlacementDirector : IPlacementDirector
{
    public SiloAddress Choose(in PlacementTarget target, IReadOnlyList<ClusterMember> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (candidate.SiloAddress.Equals(target.LocalSilo))
            {
                return candidate.SiloAddress;
            }
        }

        return candidates[Random.Shared.Next(candidates.Count)].SiloAddress;
    }
}
