using System.Collections.Concurrent;

namespace FlashSale.Client.Api.RateLimiting;

/// <summary>
/// An exact token bucket per key for a few keys (SKUs on sale), each a <see cref="Gcra"/> cell, with the rate given
/// at each attempt: a hot SKU's attempts meet on one compare-and-swap instead of a lock, and nothing is allocated per
/// attempt. A rate change (another gateway going live) applies from the next attempt, on the same cell. Keys are
/// only SKUs with a campaign, so the cells are not expired.
/// </summary>
internal sealed class KeyedRateCells(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Cell> _cells = new(StringComparer.Ordinal);

    /// <summary>Admits one attempt on <paramref name="key"/> at <paramref name="perSecond"/>, with bursts of <paramref name="burstSeconds"/> of it.</summary>
    public bool TryAdmit(string key, int perSecond, double burstSeconds, out TimeSpan retryAfter)
    {
        if (!_cells.TryGetValue(key, out var cell))
        {
            cell = _cells.GetOrAdd(key, static _ => new Cell());
        }

        return Gcra.TryAdmit(ref cell.Arrival, time, perSecond, burstSeconds, 1, out retryAfter);
    }

    private sealed class Cell
    {
        public long Arrival;
    }
}
