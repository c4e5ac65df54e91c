using System.Text.Json.Serialization;
using FlashSale.Grains;

namespace FlashSale.Client.Api.Contracts;

/// <summary>The public product view; under the drop-non-core-fields switch the name, remaining units and limit are left out.</summary>
/// <param name="Sku">The SKU id.</param>
/// <param name="Name">The product name (non-core).</param>
/// <param name="Price">The unit price.</param>
/// <param name="Remaining">Approximate units left (non-core).</param>
/// <param name="Status">not_started, active, paused, sold_out or ended.</param>
/// <param name="StartsAt">When the sale opens.</param>
/// <param name="EndsAt">When the sale closes.</param>
/// <param name="PerUserLimit">The most units one buyer may purchase (non-core).</param>
/// <param name="Degraded">True when non-core fields were dropped by a switch.</param>
/// <param name="Stale">True when served from the last known view because the SKU could not be reached.</param>
public sealed record ProductResponse(
    string Sku,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    decimal Price,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Remaining,
    string Status,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? PerUserLimit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Degraded = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Stale = false)
{
    /// <summary>Builds the response from a replica's view and the switches in force.</summary>
    public static ProductResponse From(SkuView view, EffectiveSwitches switches = default, bool stale = false)
    {
        var status = switches.Paused && view.Status == SkuStatus.Active ? SkuStatus.Paused : view.Status;
        return switches.DropNonCoreFields
            ? new(view.Sku, null, view.Price, null, Json.StatusName(status), view.StartsAt, view.EndsAt, null, Degraded: true, Stale: stale)
            : new(view.Sku, view.Name, view.Price, view.Remaining, Json.StatusName(status), view.StartsAt, view.EndsAt, view.PerUserLimit, Stale: stale);
    }
}
