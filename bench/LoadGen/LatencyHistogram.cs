namespace FlashSale.LoadGen;

/// <summary>
/// A log-linear latency histogram (HdrHistogram-style: 64 sub-buckets per power of two of ticks), allocation
/// free on record, one per caller so recording never contends, merged at the end for percentiles.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBuckets = 64;
    private readonly long[] _counts = new long[64 * SubBuckets];

    /// <summary>The number of recorded samples.</summary>
    public long Count { get; private set; }

    /// <summary>Records one latency in <see cref="System.Diagnostics.Stopwatch"/> ticks (not thread-safe).</summary>
    public void Record(long ticks)
    {
        if (ticks < 1)
        {
            ticks = 1;
        }

        var exponent = 63 - long.LeadingZeroCount(ticks);
        var index = exponent < 6 ? (int)ticks : ((int)exponent - 5) * SubBuckets + (int)((ticks >> ((int)exponent - 6)) & (SubBuckets - 1));
        _counts[Math.Min(index, _counts.Length - 1)]++;
        Count++;
    }

    /// <summary>Adds every sample of <paramref name="other"/> to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
    }

    /// <summary>The value (in ticks) at or below which <paramref name="percentile"/> percent of the samples fall.</summary>
    public long Percentile(double percentile)
    {
        var target = (long)Math.Ceiling(Count * percentile / 100.0);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= target && _counts[i] > 0)
            {
                return UpperBound(i);
            }
        }

        return 0;
    }

    private static long UpperBound(int index)
    {
        if (index < SubBuckets)
        {
            return index;
        }

        var exponent = index / SubBuckets + 5;
        var sub = index % SubBuckets;
        return (1L << exponent) + ((long)(sub + 1) << (exponent - 6)) - 1;
    }
}
