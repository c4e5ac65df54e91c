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
///   by the live gateways (<see cref="GatewayPresence"/>), rounded up. A changed share applies from the next attempt.
/// - Both kinds are GCRA cells (<see cref="Gcra"/>): one number per bucket, one compare-and-swap per attempt, no
///   lock and no allocation. SKU buckets are exact, one per SKU (<see cref="KeyedRateCells"/>): all of a hot SKU's
///   attempts meet there, and System.Threading.RateLimiting's partitioned limiter took a lock and allocated a partition
///   and two delegates per attempt. Buyer buckets live in a <see cref="HashedCellRateLimiter"/>: a flash sale brings a
///   stream of new buyers, and fixed hashed cells keep that to fixed memory.
/// </summary>
public sealed class PurchaseRateLimiter : IAsyncDisposable
{
    private readonly RateLimitOptions _options;
    private readonly GatewayPresence _presence;
    private readonly HashedCellRateLimiter _buyers;
    private readonly KeyedRateCells _skus;

    /// <summary>Creates the limiter.</summary>
    public PurchaseRateLimiter(IOptions<RateLimitOptions> options, GatewayPresence presence, TimeProvider time)
    {
        _options = options.Value;
        _presence = presence;
        _buyers = new HashedCellRateLimiter(_options.BuyerCells, time, () => ShareOf(_options.BuyerPurchasesPerSecond), _options.BurstSeconds);
        _skus = new KeyedRateCells(time);
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
        !_options.Enabled || _skus.TryAdmit(sku, ShareOf(campaignRate ?? _options.SkuPurchasesPerSecond), _options.BurstSeconds, out var retryAfter)
            ? RateDecision.Admitted
            : new RateDecision(false, retryAfter, "sku");

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _buyers.DisposeAsync();

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
}
