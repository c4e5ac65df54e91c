using FlashSale.Grains;

namespace FlashSale.Client.Api.Contracts;

/// <summary>Every degrade switch: <c>GET /admin/switches</c>.</summary>
/// <param name="Version">Grows with every change.</param>
/// <param name="ChangedAt">When the last change was made.</param>
/// <param name="Global">The switches of every SKU unless overridden.</param>
/// <param name="Skus">Per-SKU overrides.</param>
public sealed record SwitchesResponse(long Version, DateTimeOffset ChangedAt, SwitchSetBody Global, IReadOnlyDictionary<string, SwitchSetBody> Skus)
{
    /// <summary>Builds the response from the switchboard's set.</summary>
    public static SwitchesResponse From(DegradeSwitches switches) =>
        new(switches.Version, switches.ChangedAt, SwitchSetBody.From(switches.Global),
            switches.Skus.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => SwitchSetBody.From(s.Value), StringComparer.Ordinal));
}
