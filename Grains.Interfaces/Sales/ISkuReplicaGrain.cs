namespace FlashSale.Grains;

/// <summary>
/// A per-silo read replica of a SKU (a stateless worker keyed by SKU id): product reads and the sold-out
/// fast path are served from it, refreshed from the SKU grain about every second.
/// </summary>
public interface ISkuReplicaGrain : IGrainWithStringKey
{
    /// <summary>The view as of the last refresh (at most about a second old), or null when the SKU has no campaign.</summary>
    Task<SkuView?> Get();
}
