namespace FlashSale.Client.Api.RateLimiting;

/// <summary>A bucket's identity: a rate change makes a new bucket (the old one idles out).</summary>
/// <param name="Kind">"buyer" or "sku".</param>
/// <param name="Name">The buyer or SKU id.</param>
/// <param name="PerSecond">This gateway's share of the rate.</param>
internal readonly record struct RateKey(string Kind, string Name, int PerSecond);
