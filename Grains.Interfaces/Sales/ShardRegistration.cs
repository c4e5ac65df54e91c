namespace FlashSale.Grains;

/// <summary>What a new shard activation learns from its SKU.</summary>
/// <param name="Campaign">The campaign, or null when the SKU has none.</param>
/// <param name="Epoch">The activation's epoch: stock granted to an earlier epoch has been reclaimed.</param>
/// <param name="Granted">Units granted to the new epoch at once (its slice of the stock).</param>
/// <param name="ShardCount">The number of shards buyers are routed over now.</param>
/// <param name="Generation">How many times the shard count has doubled since the campaign was created.</param>
[GenerateSerializer, Immutable]
public sealed record ShardRegistration(
    [property: Id(0)] Campaign? Campaign,
    [property: Id(1)] long Epoch,
    [property: Id(2)] int Granted,
    [property: Id(3)] int ShardCount,
    [property: Id(4)] int Generation);
