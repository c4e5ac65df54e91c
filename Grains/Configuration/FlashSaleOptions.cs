namespace FlashSale.Grains.Configuration;

/// <summary>Timings and sizes of the flash-sale grains.</summary>
public sealed class FlashSaleOptions
{
    /// <summary>How often a shard reports its sales to the SKU (sales are counted locally and flushed in batches).</summary>
    public TimeSpan ShardReportPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often read replicas refresh from the SKU grain.</summary>
    public TimeSpan ReplicaRefreshPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the reconciliation reminder runs.</summary>
    public TimeSpan ReconciliationPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an order may stay unpaid before it expires and its units go back on sale.</summary>
    public TimeSpan PaymentWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The most units a shard asks for in one refill.</summary>
    public int MaxRefillBatch { get; set; } = 1000;

    /// <summary>Orders committed in one round trip at most (durable mode group commit).</summary>
    public int OrderLogMaxBatch { get; set; } = 512;

    /// <summary>How many group commits the order log keeps in flight at once (durable mode).</summary>
    /// <remarks>
    /// Two by default: one batch fills while one commits, and batches grow with the load (up to
    /// <see cref="OrderLogMaxBatch"/>). More concurrent commits of one hot SKU contend on the same right-most index pages
    /// (order id, creation time) and cost a backend's CPU each: on 2 cores, four in flight committed 7.8–8.2k orders/s,
    /// one 11.5–13.7k, two 12.4–13.4k (bench/Baselines/FINDINGS.md). Raise it for a database far enough away that a
    /// round trip dwarfs a commit.
    /// </remarks>
    public int OrderLogMaxBatchesInFlight { get; set; } = 2;

    /// <summary>How long the order log waits to fill a batch once it has one order (durable mode group commit).</summary>
    public TimeSpan OrderLogMaxDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>How often written-behind orders are flushed (fast mode).</summary>
    public TimeSpan WriteBehindPeriod { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Returns the problems with these options, if any.</summary>
    public IEnumerable<string> Validate()
    {
        if (ShardReportPeriod <= TimeSpan.Zero || ReplicaRefreshPeriod <= TimeSpan.Zero || ReconciliationPeriod <= TimeSpan.Zero || WriteBehindPeriod <= TimeSpan.Zero || PaymentWindow <= TimeSpan.Zero)
        {
            yield return "FlashSale: every period must be positive.";
        }

        if (OrderLogMaxDelay < TimeSpan.Zero)
        {
            yield return "FlashSale:OrderLogMaxDelay must not be negative.";
        }

        if (MaxRefillBatch < 1 || OrderLogMaxBatch < 1 || OrderLogMaxBatchesInFlight < 1)
        {
            yield return "FlashSale:MaxRefillBatch, OrderLogMaxBatch and OrderLogMaxBatchesInFlight must be at least 1.";
        }
    }
}
