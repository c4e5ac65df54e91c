using FlashSale.Grains;

namespace FlashSale.Client.Api.Contracts;

/// <summary>Names used on the wire for enums (lower-case, stable).</summary>
public static class Json
{
    /// <summary>The wire name of a status.</summary>
    public static string StatusName(SkuStatus status) => status switch
    {
        SkuStatus.NotStarted => "not_started",
        SkuStatus.Active => "active",
        SkuStatus.SoldOut => "sold_out",
        SkuStatus.Ended => "ended",
        SkuStatus.Paused => "paused",
        _ => "unknown",
    };
}
