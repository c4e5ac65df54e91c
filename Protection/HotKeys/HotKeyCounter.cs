using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using FlashSale.Protection.Configuration;
using Microsoft.Extensions.Options;

namespace FlashSale.Protection.HotKeys;

/// <summary>
/// Requests per SKU in this process, drained by the reporter every period. Counting a SKU already seen is one
/// dictionary read and one interlocked increment, with no allocation and no lock. The set of SKUs is bounded: a SKU
/// idle for a whole period is forgotten, and past <see cref="HotKeyOptions.MaxTrackedSkus"/> new ids are only
/// counted as untracked, so a flood of junk ids cannot grow memory.
/// </summary>
public sealed class HotKeyCounter
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counts = new(StringComparer.Ordinal);
    private readonly int _maxTracked;
    private int _tracked;
    private long _untracked;

    /// <summary>Creates a counter bounded by <see cref="HotKeyOptions.MaxTrackedSkus"/>.</summary>
    public HotKeyCounter(IOptions<HotKeyOptions> options)
        : this(options.Value.MaxTrackedSkus)
    {
    }

    internal HotKeyCounter(int maxTrackedSkus) => _maxTracked = maxTrackedSkus;

    /// <summary>The SKUs tracked now.</summary>
    public int Tracked => Volatile.Read(ref _tracked);

    /// <summary>Counts one request for <paramref name="sku"/>.</summary>
    public void Count(string sku)
    {
        if (_counts.TryGetValue(sku, out var box))
        {
            Interlocked.Increment(ref box.Value);
            return;
        }

        CountFirst(sku);
    }

    /// <summary>
    /// Moves the counts since the last drain into <paramref name="counts"/> (adding to what it holds) and returns the
    /// untracked requests. SKUs with no request since the last drain are forgotten.
    /// </summary>
    public long DrainInto(IDictionary<string, long> counts)
    {
        foreach (var pair in _counts)
        {
            var count = Interlocked.Exchange(ref pair.Value.Value, 0);
            if (count > 0)
            {
                counts[pair.Key] = counts.TryGetValue(pair.Key, out var earlier) ? earlier + count : count;
            }
            else if (_counts.TryRemove(pair))
            {
                // A request racing this removal may land in the dropped box: one lost count on a SKU idle for a period.
                Interlocked.Decrement(ref _tracked);
            }
        }

        return Interlocked.Exchange(ref _untracked, 0);
    }

    private void CountFirst(string sku)
    {
        if (!CampaignValidation.IsValidSku(sku))
        {
            Interlocked.Increment(ref _untracked);
            return;
        }

        while (true)
        {
            if (Interlocked.Increment(ref _tracked) > _maxTracked)
            {
                Interlocked.Decrement(ref _tracked);
                Interlocked.Increment(ref _untracked);
                return;
            }

            if (_counts.TryAdd(sku, new StrongBox<long>(1)))
            {
                return;
            }

            // Another thread added it first: count there.
            Interlocked.Decrement(ref _tracked);
            if (_counts.TryGetValue(sku, out var box))
            {
                Interlocked.Increment(ref box.Value);
                return;
            }
        }
    }
}
