using System.Collections.Concurrent;
using FlashSale.Client.Api.Hosting;
using FlashSale.Grains;
using FlashSale.Protection.Switches;
using FlashSale.Runtime;
using Microsoft.Extensions.Options;

namespace FlashSale.Client.Api.Infrastructure;

/// <summary>
/// The gateway's own short-lived copy of each SKU's view (from the per-silo replicas), so that the sold-out
/// fast path and shard routing cost no grain call for most requests. A SKU seen sold out by a shard is marked
/// here at once. Refreshes take turns over the SKU's read replicas (<see cref="SkuView.ReplicaCount"/>). Under the
/// read-fallback switch, a SKU whose replica cannot be reached is served from the last view this gateway saw (marked
/// stale), however old.
/// </summary>
public sealed class SkuViewCache(IClusterClient client, SwitchBoard switches, IOptions<GatewayOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (SkuView? View, long At)> _views = new(StringComparer.Ordinal);
    private readonly long _ttlTicks = (long)(options.Value.ViewCacheTtl.TotalSeconds * time.TimestampFrequency);
    private int _spread;

    /// <summary>The view of a SKU (null when it has no campaign), at most the configured TTL old.</summary>
    public async ValueTask<SkuView?> GetAsync(string sku) => (await ReadAsync(sku)).View;

    /// <summary>The view of a SKU, and whether it is a stale one served under the read-fallback switch.</summary>
    public async ValueTask<(SkuView? View, bool Stale)> ReadAsync(string sku)
    {
        var now = time.GetTimestamp();
        var known = _views.TryGetValue(sku, out var cached);
        if (known && now - cached.At < _ttlTicks)
        {
            return (cached.View, false);
        }

        SkuView? view;
        try
        {
            var replicas = cached.View?.ReplicaCount ?? 1;
            view = await client.GetGrain<ISkuReplicaGrain>(ReplicaKeys.Pick(sku, replicas, (uint)Interlocked.Increment(ref _spread))).Get();
        }
        catch (Exception) when (known && cached.View is not null && switches.For(sku).ReadFallback)
        {
            return (cached.View, true);
        }

        _views[sku] = (view, now);
        return (view, false);
    }

    /// <summary>Records that a shard answered sold out, until the next refresh.</summary>
    public void MarkSoldOut(SkuView view) => _views[view.Sku] = (view with { Status = SkuStatus.SoldOut, Remaining = 0 }, time.GetTimestamp());

    /// <summary>Forgets a SKU (after an admin change).</summary>
    public void Invalidate(string sku) => _views.TryRemove(sku, out _);
}
