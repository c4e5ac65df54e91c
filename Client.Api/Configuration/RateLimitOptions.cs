namespace FlashSale.Client.Api.Configuration;

/// <summary>
/// Purchase rate limits (section FlashSale:RateLimits). Figures are cluster-wide budgets: each gateway admits its
/// share, the budget divided by the gateways alive.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The default <see cref="SkuPurchasesPerSecond"/>.</summary>
    public const int DefaultSkuPurchasesPerSecond = 50_000;

    /// <summary>The default <see cref="BuyerPurchasesPerSecond"/>.</summary>
    public const int DefaultBuyerPurchasesPerSecond = 5;

    /// <summary>The default <see cref="BurstSeconds"/>.</summary>
    public const double DefaultBurstSeconds = 1.0;

    /// <summary>Whether purchases are rate limited at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Purchases per second per SKU across the cluster, unless the campaign sets its own.</summary>
    public int SkuPurchasesPerSecond { get; set; } = DefaultSkuPurchasesPerSecond;

    /// <summary>Purchases per second per buyer across the cluster.</summary>
    public int BuyerPurchasesPerSecond { get; set; } = DefaultBuyerPurchasesPerSecond;

    /// <summary>How many seconds of rate a bucket holds: the burst admitted after a quiet spell.</summary>
    public double BurstSeconds { get; set; } = DefaultBurstSeconds;

    /// <summary>How often this gateway tells the cluster it is alive (and learns how many gateways share the budget).</summary>
    public TimeSpan PresencePeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Returns the problems with these options, if any.</summary>
    public IEnumerable<string> Validate()
    {
        if (SkuPurchasesPerSecond < 1 || BuyerPurchasesPerSecond < 1)
        {
            yield return "FlashSale:RateLimits:SkuPurchasesPerSecond and BuyerPurchasesPerSecond must be at least 1.";
        }

        if (BurstSeconds is < 0.1 or > 60 || double.IsNaN(BurstSeconds))
        {
            yield return "FlashSale:RateLimits:BurstSeconds must be between 0.1 and 60.";
        }

        if (PresencePeriod < TimeSpan.FromMilliseconds(100) || PresencePeriod > TimeSpan.FromSeconds(30))
        {
            yield return "FlashSale:RateLimits:PresencePeriod must be between 100 ms and 30 s.";
        }
    }
}
