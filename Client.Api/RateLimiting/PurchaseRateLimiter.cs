using System.Threading.RateLimiting;
using FlashSale.Client.Api.Configuration;
using Microsoft.Extensions.Options;

namespace FlashSale.Client.Api.RateLimiting;

/// <summary>
/// The gateway's purchase admission (the seeds' 限流): a token bucket per buyer and one per SKU, so that a hundred
/// times more attempts than stock never reach the grains.
///
/// Guarantees
/// - A refused attempt costs no grain call and changes nothing; the caller answers 429 with <see cref="RateDecision.RetryAfter"/>.
/// - Each gateway admits its share of the cluster-wide budget: the configured figure (or the campaign's own) divided
///   by the live gateways (<see cref="GatewayPresence"/>), rounded up. When the share changes, the bucket for the new
///   share starts full and the old one idles out, so a change never throttles more than a burst.
/// - SKU buckets are partitions of System.Threading.RateLimiting's partitioned limiter (few keys, each bucket
///   exact). Buyer buckets live in a <see cref="HashedCellRateLimiter"/>: a flash sale brings a stream of new buyers,
///   and fixed cells of one number each keep that to fixed memory and one compare-and-swap per attempt.
/// </summary>
public sealed class PurchaseRateLimiter : IAsyncDisposable
{
    private readonly RateLimitOptions _options;
    private readonly GatewayPresence _presence;
    private readonly HashedCellRateLimiter _buyers;
    private readonly PartitionedRateLimiter<RateKey> _skus;

    /// <summary>Creates the limiter.</summary>
    public PurchaseRateLimiter(IOptions<RateLimitOptions> options, GatewayPresence presence, TimeProvider time)
    {
        _options = options.Value;
        _presence = presence;
        _buyers = new HashedCellRateLimiter(_options.BuyerCells, time, () => ShareOf(_options.BuyerPurchasesPerSecond), _options.BurstSeconds);
        _skus = PartitionedRateLimiter.Create<RateKey, RateKey>(Partition);
    }

    /// <summary>Whether limits are enforced.</summary>
    public bool Enabled => _options.Enabled;

    /// <summary>This gateway's share of a cluster-wide rate.</summary>
    public int ShareOf(int clusterRate) => Math.Max(1, (int)Math.Ceiling(clusterRate / (double)Math.Max(1, _presence.LiveGateways)));

    /// <summary>Admits or refuses one attempt of <paramref name="buyer"/> (checked before the SKU's view is read).</summary>
    public RateDecision AdmitBuyer(string buyer) =>
        _options.Enabled ? Decide(_buyers.AttemptAcquire(buyer), "buyer") : RateDecision.Admitted;

    /// <summary>Admits or refuses one attempt on <paramref name="sku"/> at the campaign's rate, or the default.</summary>
    public RateDecision AdmitSku(string sku, int? campaignRate) =>
        _options.Enabled ? Acquire(_skus, new RateKey("sku", sku, ShareOf(campaignRate ?? _options.SkuPurchasesPerSecond))) : RateDecision.Admitted;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _buyers.DisposeAsync();
        await _skus.DisposeAsync();
    }

    private static RateDecision Acquire(PartitionedRateLimiter<RateKey> limiter, RateKey key) => Decide(limiter.AttemptAcquire(key), key.Kind);

    private static RateDecision Decide(RateLimitLease lease, string kind)
    {
        using var _ = lease;
        if (lease.IsAcquired)
        {
            return RateDecision.Admitted;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return new RateDecision(false, retryAfter, kind);
    }

    private RateLimitPartition<RateKey> Partition(RateKey key) =>
        RateLimitPartition.GetTokenBucketLimiter(key, k => BucketFor(k.PerSecond, _options.BurstSeconds));

    /// <summary>A bucket admitting <paramref name="perSecond"/> on average and a burst of <paramref name="burstSeconds"/> of it.</summary>
    internal static TokenBucketRateLimiterOptions BucketFor(int perSecond, double burstSeconds)
    {
        // The partitioned limiter replenishes every 100 ms: fast rates refill a tenth each tick, slow ones one token
        // every 1/rate seconds, so both stay close to the figure without a timer per bucket.
        var (period, tokens) = perSecond >= 10
            ? (TimeSpan.FromMilliseconds(100), (int)Math.Round(perSecond / 10.0))
            : (TimeSpan.FromSeconds(1.0 / perSecond), 1);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, (int)Math.Ceiling(perSecond * burstSeconds)),
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
