using System.Collections.Concurrent;
using FlashSale.Grains;
using FlashSale.Runtime;

namespace FlashSale.Client.Api.Infrastructure;

/// <summary>
/// The gateway's grain references to each SKU's stock shards, built once: routing a purchase otherwise formats a key
/// string and builds a reference every time. Only SKUs with a campaign get here (the caller read the view first), so
/// the table grows with campaigns, not with whatever ids requests carry.
/// </summary>
public sealed class ShardProxies(IClusterClient client)
{
    private readonly ConcurrentDictionary<string, IStockShardGrain?[]> _bySku = new(StringComparer.Ordinal);

    /// <summary>The shard that serves <paramref name="buyer"/> of <paramref name="view"/>'s SKU.</summary>
    public IStockShardGrain For(SkuView view, string buyer)
    {
        var index = ShardRouting.ShardFor(buyer, view.ShardCount);
        var shards = _bySku.GetOrAdd(view.Sku, static (_, count) => new IStockShardGrain?[count], view.ShardCount);
        if (shards.Length < view.ShardCount)
        {
            // The SKU scaled out: a larger table (references are cheap to rebuild, so racing writers may both do it).
            shards = new IStockShardGrain?[view.ShardCount];
            _bySku[view.Sku] = shards;
        }

        return shards[index] ??= client.GetGrain<IStockShardGrain>(ShardRouting.ShardKey(view.Sku, index));
    }
}
