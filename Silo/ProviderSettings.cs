namespace FlashSale.Silo;

/// <summary>Which provider serves each concern (section FlashSale:Providers).</summary>
public sealed class ProviderSettings
{
    /// <summary>"development" (table on the primary silo), "memory" (a cluster of one) or "postgres".</summary>
    public string Clustering { get; set; } = "development";

    /// <summary>The primary silo's endpoint for development clustering.</summary>
    public string PrimarySiloEndpoint { get; set; } = "127.0.0.1:11111";

    /// <summary>"memory" or "postgres".</summary>
    public string Storage { get; set; } = "memory";

    /// <summary>"memory" or "postgres".</summary>
    public string Reminders { get; set; } = "memory";

    /// <summary>The Npgsql connection string of the "postgres" providers (environment: FlashSale__Providers__PostgresConnectionString).</summary>
    public string PostgresConnectionString { get; set; } = string.Empty;

    /// <summary>The schema of the "postgres" providers' tables (default "flashsale").</summary>
    public string PostgresSchema { get; set; } = "flashsale";

    /// <summary>Where orders are kept: "memory" (the embedded default) or "postgres" (group commit).</summary>
    public string Orders { get; set; } = "memory";
}
