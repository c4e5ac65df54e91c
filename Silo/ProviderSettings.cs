namespace FlashSale.Silo;

/// <summary>Which provider serves each concern (section FlashSale:Providers).</summary>
public sealed class ProviderSettings
{
    /// <summary>"development" (table on the primary silo), "memory" (a cluster of one) or, later, "postgres".</summary>
    public string Clustering { get; set; } = "development";

    /// <summary>The primary silo's endpoint for development clustering.</summary>
    public string PrimarySiloEndpoint { get; set; } = "127.0.0.1:11111";

    /// <summary>"memory" or, later, "postgres".</summary>
    public string Storage { get; set; } = "memory";

    /// <summary>"memory" or, later, "postgres".</summary>
    public string Reminders { get; set; } = "memory";
}
