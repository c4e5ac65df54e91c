namespace FlashSale.Client.Api.Contracts;

/// <summary>The body of <c>POST /admin/skus</c>.</summary>
public sealed record CampaignBody(
    string? Sku,
    string? Name,
    decimal? Price,
    int? Stock,
    int? PerUserLimit,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    int? Shards,
    string? WriteMode,
    int? PurchasesPerSecond = null);
