namespace FlashSale.Runtime.Placement;

/// <summary>What a placement director decides for: the grain, its class's strategy, the calling silo.</summary>
/// <param name="GrainId">The grain to place.</param>
/// <param name="Attribute">The class's placement attribute, or null for the default strategy.</param>
/// <param name="LocalSilo">The silo making the decision.</param>
internal readonly record struct PlacementTarget(GrainId GrainId, PlacementAttribute? Attribute, SiloAddress LocalSilo);
