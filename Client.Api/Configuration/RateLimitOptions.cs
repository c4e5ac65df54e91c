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

    /// <summary>The default <see cref="BuyerCells"/>: a million cells of 8 bytes.</summary>
    public const int DefaultBuyerCells = 1 << 20;

    /// <summary>Whether purchases are rate limited at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Purchases per second per SKU across the cluster, unless the campaign sets its own.</summary>
    public int SkuPurchasesPerSecond { get; set; } = DefaultSkuPurchasesPerSecond;

    /// <summary>Purchases per second per buyer across the cluster.</summary>
    public int BuyerPurchasesPerSecond { get; set; } = DefaultBuyerPurchasesPerSecond;

    /// <summary>How many seconds of rate a bucket holds: the burst admitted after a quiet spell.</summary>
    public double BurstSeconds { get; set; } = DefaultBurstSeconds;

    /// <summary>Buckets for buyers (a power of two): buyers hashing to one cell share its bucket.</summary>
    public int BuyerCells { get; set; } = DefaultBuyerCells;

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

        if (BuyerCells < 1024 || BuyerCells > 1 << 26 || (BuyerCells & (BuyerCells - 1)) != 0)
        {
            yield return "FlashSale:RateLimits:BuyerCells must be a power of two between 1,024 and 67,108,864.";
        }

        if (PresencePeriod < TimeSpan.FromMilliseconds(100) || PresencePeriod > TimeSpan.FromSeconds(30))
        {
            yield return "FlashSale:RateLimits:PresencePeriod must be between 100 ms and 30 s.";
        }
    }
}
