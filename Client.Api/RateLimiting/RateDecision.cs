using System.Globalization;

namespace FlashSale.Client.Api.RateLimiting;

/// <summary>The rate limiter's answer for one purchase attempt.</summary>
/// <param name="IsAdmitted">Whether the attempt may proceed.</param>
/// <param name="RetryAfter">When a refused caller may try again.</param>
/// <param name="LimitedBy">"buyer" or "sku" when refused.</param>
public readonly record struct RateDecision(bool IsAdmitted, TimeSpan RetryAfter, string? LimitedBy)
{
    /// <summary>An admitted attempt.</summary>
    public static RateDecision Admitted => new(true, TimeSpan.Zero, null);

    /// <summary>The Retry-After header value: whole seconds, at least 1.</summary>
    public string RetryAfterHeader => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
