namespace FlashSale.Grains;

/// <summary>
/// A slice of a SKU's stock in memory (key: "{sku}/{index}"). Buyers are routed here by a hash of their id, so
/// the per-user limit and idempotency are enforced here, without a lock and without the SKU grain. After a
/// scale-out a shard forwards the purchases of buyers who no longer route to it, so a router with an old shard
/// count still gets a correct answer.
/// </summary>
public interface IStockShardGrain : IGrainWithStringKey
{
    /// <summary>Buys units for a buyer (or forwards the purchase to the buyer's shard under a newer shard count).</summary>
    ValueTask<PurchaseResult> Purchase(PurchaseRequest request);

    /// <summary>
    /// A descendant shard <paramref name="childIndex"/>, activated under <paramref name="shardCount"/> shards, takes over
    /// the records of its buyers: from now on this shard routes by at least that count and forwards those buyers.
    /// </summary>
    [AlwaysInterleave]
    Task<ShardHandOff> HandOff(int childIndex, int shardCount);

    /// <summary>Registers a buyer's interest (预约); counted locally and reported in batches.</summary>
    [OneWay]
    Task Reserve(string userId);

    /// <summary>Gives back up to <paramref name="wanted"/> units this activation does not need; returns how many (called by the SKU to refill a sibling).</summary>
    [AlwaysInterleave]
    Task<int> Release(long epoch, int wanted);

    /// <summary>Tells the shard that units came back to the SKU (released holds, expired orders): it may ask again.</summary>
    [OneWay]
    [AlwaysInterleave]
    Task StockReturned();

    /// <summary>The shard's counters (and activates it, which reclaims a dead predecessor's stock).</summary>
    [AlwaysInterleave]
    Task<ShardCounters> GetCounters();
}
