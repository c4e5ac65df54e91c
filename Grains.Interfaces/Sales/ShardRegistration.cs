namespace FlashSale.Grains;

/// <summary>What a new shard activation learns from its SKU.</summary>
/// <param name="Campaign">The campaign, or null when the SKU has none.</param>
/// <param name="Epoch">The activation's epoch: stock granted to an earlier epoch has been reclaimed.</param>
/// <param name="Granted">Units granted to the new epoch at once (its slice of the stock).</param>
[GenerateSerializer, Immutable]
public sealed record ShardRegistration([property: Id(0)] Campaign? Campaign, [property: Id(1)] long Epoch, [property: Id(2)] int Granted);
