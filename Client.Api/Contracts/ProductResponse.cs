using FlashSale.Grains;

namespace FlashSale.Client.Api.Contracts;

/// <summary>The public product view.</summary>
public sealed record ProductResponse(string Sku, string Name, decimal Price, int Remaining, string Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int PerUserLimit)
{
    /// <summary>Builds the response from a replica's view.</summary>
    public static ProductResponse From(SkuView view) =>
        new(view.Sku, view.Name, view.Price, view.Remaining, Json.StatusName(view.Status), view.StartsAt, view.EndsAt, view.PerUserLimit);
}
