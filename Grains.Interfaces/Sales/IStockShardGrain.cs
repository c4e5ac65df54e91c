namespace FlashSale.Grains;

/// <summary>
/// A slice of a SKU's stock in memory (key: "{sku}/{index}"). Buyers are routed here by a hash of their id, so
/// the per-user limit and idempotency are enforced here, without a lock and without the SKU grain.
/// </summary>
public interface IStockShardGrain : IGrainWithStringKey
{
    /// <summary>Buys units for a buyer.</summary>
    Task<PurchaseResult> Purchase(PurchaseRequest request);

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
