using System.Threading.RateLimiting;

namespace FlashSale.Client.Api.RateLimiting;

/// <summary>
/// A token bucket per key for millions of keys (buyers) in fixed memory. Each key hashes to one of a fixed number
/// of cells; a cell is one number, the theoretical arrival time of the next permitted request (GCRA, which admits
/// exactly what a token bucket of the same rate and burst admits), so acquiring is one compare-and-swap (<see cref="Gcra"/>): no lock,
/// no allocation when admitted, nothing to expire. Keys that share a cell share a bucket, which can only make their
/// limit stricter, never looser; with a million cells and string hashing seeded per process that is rare and
/// cannot be aimed at. System.Threading.RateLimiting's partitioned limiter keeps one limiter object per key and
/// visits every one on a timer, which a flash sale's stream of new buyers turns into memory and CPU.
/// </summary>
public sealed class HashedCellRateLimiter : PartitionedRateLimiter<string>
{
    private static readonly RateLimitLease Admitted = new CellLease(null);
    private readonly long[] _cells;
    private readonly int _mask;
    private readonly TimeProvider _time;
    private readonly Func<int> _perSecond;
    private readonly double _burstSeconds;

    /// <summary>Creates a limiter of <paramref name="cells"/> cells (a power of two) admitting <paramref name="perSecond"/>() per key per second, with bursts of <paramref name="burstSeconds"/> of that rate.</summary>
    public HashedCellRateLimiter(int cells, TimeProvider time, Func<int> perSecond, double burstSeconds)
    {
        if (cells < 1 || (cells & (cells - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cells), cells, "The cell count must be a power of two.");
        }

        _cells = new long[cells];
        _mask = cells - 1;
        _time = time;
        _perSecond = perSecond;
        _burstSeconds = burstSeconds;
    }

    /// <summary>The cell a key's bucket lives in.</summary>
    internal int CellOf(string key) => key.GetHashCode() & _mask;

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics(string resource) => null;

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(string resource, int permitCount)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Gcra.TryAdmit(ref _cells[CellOf(resource)], _time, _perSecond(), _burstSeconds, permitCount, out var retryAfter)
            ? Admitted
            : new CellLease(retryAfter);
    }

    /// <inheritdoc />
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(string resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    /// <summary>An admitted lease (shared), or a refused one that says when to retry.</summary>
    private sealed class CellLease(TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => retryAfter is null;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
