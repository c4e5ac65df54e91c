using System.Collections.Concurrent;

namespace FlashSale.Grains.Orders.Memory;

/// <summary>
/// Units committed per (SKU, shard, epoch), all and not expired, kept as orders are committed and expire. Counting a
/// SKU's units is what reconciliation does every few seconds: by scanning the records it cost every order ever sold
/// (tens of milliseconds of a core per pass at a million orders, in the SKU grain's turn, while shards waited for
/// stock); kept here it costs the SKU's epochs. Updated under the record's stripe lock, so a count never runs ahead
/// of the records it counts; stripes update shared counters with interlocked adds.
/// </summary>
internal sealed class UnitTally
{
    private readonly ConcurrentDictionary<(int Sku, int Shard, long Epoch), Counts> _counts = new();

    /// <summary>Counts a committed order of <paramref name="units"/> units.</summary>
    public void Add(int sku, int shard, long epoch, int units, bool expired)
    {
        var counts = _counts.GetOrAdd((sku, shard, epoch), static _ => new Counts());
        Interlocked.Add(ref counts.All, units);
        if (!expired)
        {
            Interlocked.Add(ref counts.Live, units);
        }
    }

    /// <summary>Takes an order that has just expired out of the live count.</summary>
    public void Expire(int sku, int shard, long epoch, int units)
    {
        if (_counts.TryGetValue((sku, shard, epoch), out var counts))
        {
            Interlocked.Add(ref counts.Live, -units);
        }
    }

    /// <summary>Units of <paramref name="sku"/> per (shard, epoch); expired orders only when <paramref name="includeExpired"/>.</summary>
    public Dictionary<(int Shard, long Epoch), int> For(int sku, bool includeExpired)
    {
        var result = new Dictionary<(int Shard, long Epoch), int>();
        foreach (var (key, counts) in _counts)
        {
            if (key.Sku == sku && (includeExpired ? Volatile.Read(ref counts.All) : Volatile.Read(ref counts.Live)) is var units && units > 0)
            {
                result[(key.Shard, key.Epoch)] = (int)units;
            }
        }

        return result;
    }

    private sealed class Counts
    {
        public long All;
        public long Live;
    }
}
