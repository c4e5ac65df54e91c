namespace FlashSale.Grains;

/// <summary>Units the SKU hands a shard.</summary>
/// <param name="Units">Units granted (possibly 0).</param>
/// <param name="SoldOut">True when the whole SKU has nothing left to grant.</param>
/// <param name="Status">The SKU's status at the time.</param>
/// <param name="Superseded">The asking epoch was replaced by another activation of its shard: it must give its units back and stop.</param>
[GenerateSerializer, Immutable]
public sealed record StockGrant([property: Id(0)] int Units, [property: Id(1)] bool SoldOut, [property: Id(2)] SkuStatus Status, [property: Id(3)] bool Superseded = false);
