namespace FlashSale.Protection.Configuration;

/// <summary>Hot-key detection (section "FlashSale:HotKeys"): how processes report and when the aggregator acts.</summary>
public sealed class HotKeyOptions
{
    /// <summary>The default <see cref="ReportPeriod"/>.</summary>
    public static readonly TimeSpan DefaultReportPeriod = TimeSpan.FromMilliseconds(500);

    /// <summary>The default <see cref="Threshold"/>, in requests per second.</summary>
    public const double DefaultThreshold = 5_000;

    /// <summary>The default <see cref="MaxTrackedSkus"/>.</summary>
    public const int DefaultMaxTrackedSkus = 10_000;

    /// <summary>The default <see cref="ScaleOutCooldown"/>.</summary>
    public static readonly TimeSpan DefaultScaleOutCooldown = TimeSpan.FromSeconds(30);

    /// <summary>The default <see cref="MaxShards"/>.</summary>
    public const int DefaultMaxShards = 64;

    /// <summary>The default <see cref="MaxReplicas"/>.</summary>
    public const int DefaultMaxReplicas = 8;

    /// <summary>The default <see cref="Retention"/>.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromMinutes(5);

    /// <summary>How often each silo and gateway reports its counts.</summary>
    public TimeSpan ReportPeriod { get; set; } = DefaultReportPeriod;

    /// <summary>Requests per second for one SKU, cluster-wide, above which the SKU is hot.</summary>
    public double Threshold { get; set; } = DefaultThreshold;

    /// <summary>Distinct SKUs a process counts per period; requests for more are counted as untracked (a flood of junk ids costs no memory).</summary>
    public int MaxTrackedSkus { get; set; } = DefaultMaxTrackedSkus;

    /// <summary>Whether the aggregator scales hot SKUs out by itself (otherwise it only flags and alerts).</summary>
    public bool AutoScaleOut { get; set; } = true;

    /// <summary>The least time between two scale-outs of one SKU.</summary>
    public TimeSpan ScaleOutCooldown { get; set; } = DefaultScaleOutCooldown;

    /// <summary>The shard count automatic scale-out stops at.</summary>
    public int MaxShards { get; set; } = DefaultMaxShards;

    /// <summary>The read replica count automatic scale-out stops at.</summary>
    public int MaxReplicas { get; set; } = DefaultMaxReplicas;

    /// <summary>How long a SKU stays listed after it was last over the threshold.</summary>
    public TimeSpan Retention { get; set; } = DefaultRetention;

    /// <summary>Returns the problems with these options, if any.</summary>
    public IEnumerable<string> Validate()
    {
        if (ReportPeriod < TimeSpan.FromMilliseconds(10) || ReportPeriod > TimeSpan.FromMinutes(1))
        {
            yield return "FlashSale:HotKeys:ReportPeriod must be between 10 ms and 1 minute.";
        }

        if (!(Threshold > 0) || double.IsInfinity(Threshold))
        {
            yield return "FlashSale:HotKeys:Threshold must be a positive number of requests per second.";
        }

        if (MaxTrackedSkus is < 1 or > 1_000_000)
        {
            yield return "FlashSale:HotKeys:MaxTrackedSkus must be between 1 and 1,000,000.";
        }

        if (ScaleOutCooldown < TimeSpan.Zero || Retention < TimeSpan.Zero)
        {
            yield return "FlashSale:HotKeys:ScaleOutCooldown and Retention must not be negative.";
        }

        if (MaxShards < 1 || MaxShards > CampaignValidation.MaxShards)
        {
            yield return $"FlashSale:HotKeys:MaxShards must be between 1 and {CampaignValidation.MaxShards}.";
        }

        if (MaxReplicas < 1 || MaxReplicas > ReplicaKeys.MaxReplicas)
        {
            yield return $"FlashSale:HotKeys:MaxReplicas must be between 1 and {ReplicaKeys.MaxReplicas}.";
        }
    }
}
