using System.Buffers;

namespace FlashSale.Grains;

/// <summary>The rules a campaign must satisfy, shared by the gateway (400 answers) and the SKU grain (the last word).</summary>
public static class CampaignValidation
{
    // Checked on every purchase at the gateway: a vectorised scan, where a LINQ pass allocated an enumerator and a delegate.
    private static readonly SearchValues<char> SkuChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <summary>The longest SKU id accepted.</summary>
    public const int MaxSkuLength = 64;

    /// <summary>The most shards a SKU may have.</summary>
    public const int MaxShards = 256;

    /// <summary>The highest per-SKU purchase rate limit a campaign may set.</summary>
    public const int MaxPurchasesPerSecond = 10_000_000;

    /// <summary>The most units a campaign may hold.</summary>
    public const int MaxStock = 100_000_000;

    /// <summary>Returns every problem with <paramref name="campaign"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(Campaign campaign)
    {
        var problems = new List<string>();
        if (!IsValidSku(campaign.Sku))
        {
            problems.Add($"sku must be 1 to {MaxSkuLength} characters of letters, digits, '-', '_' or '.'.");
        }

        if (string.IsNullOrWhiteSpace(campaign.Name) || campaign.Name.Length > 200)
        {
            problems.Add("name must be 1 to 200 characters.");
        }

        if (campaign.Price < 0 || campaign.Price > 1_000_000_000m)
        {
            problems.Add("price must be between 0 and 1,000,000,000.");
        }

        if (campaign.Stock is < 0 or > MaxStock)
        {
            problems.Add($"stock must be between 0 and {MaxStock:N0}.");
        }

        if (campaign.PerUserLimit < 1)
        {
            problems.Add("perUserLimit must be at least 1.");
        }

        if (campaign.EndsAt <= campaign.StartsAt)
        {
            problems.Add("endsAt must be after startsAt.");
        }

        if (campaign.Shards is < 1 or > MaxShards)
        {
            problems.Add($"shards must be between 1 and {MaxShards}.");
        }

        if (campaign.PurchasesPerSecond is < 1 or > MaxPurchasesPerSecond)
        {
            problems.Add($"purchasesPerSecond must be between 1 and {MaxPurchasesPerSecond:N0}.");
        }

        if (!Enum.IsDefined(campaign.WriteMode))
        {
            problems.Add("writeMode must be durable or fast.");
        }

        return problems;
    }

    /// <summary>Whether a SKU id is well formed.</summary>
    public static bool IsValidSku(string? sku) =>
        !string.IsNullOrEmpty(sku) && sku.Length <= MaxSkuLength && !sku.AsSpan().ContainsAnyExcept(SkuChars);
}
