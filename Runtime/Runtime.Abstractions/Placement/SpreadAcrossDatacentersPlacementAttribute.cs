namespace FlashSale.Runtime;

/// <summary>
/// Spreads the grains of a class over every datacenter: the grain id's hash picks the datacenter (so a set of
/// grains such as the stock shards of one SKU lands evenly in all of them), then a random silo inside it.
/// </summary>
public sealed class SpreadAcrossDatacentersPlacementAttribute : PlacementAttribute
{
    /// <summary>The strategy name.</summary>
    public const string Name = "SpreadAcrossDatacenters";

    /// <inheritdoc />
    public override string Strategy => Name;
}
