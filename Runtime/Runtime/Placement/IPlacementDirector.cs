using FlashSale.Runtime.Membership;

namespace FlashSale.Runtime.Placement;

/// <summary>Chooses the silo for a new activation among the compatible active silos (never empty).</summary>
internal interface IPlacementDirector
{
    /// <summary>Picks a silo from <paramref name="candidates"/>.</summary>
    SiloAddress Choose(in PlacementTarget target, IReadOnlyList<ClusterMember> candidates);
}
