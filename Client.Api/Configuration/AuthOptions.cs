using System.Text;

namespace FlashSale.Client.Api.Configuration;

/// <summary>Buyer identity at the gateway (section FlashSale:Auth): HMAC-SHA256-signed JWTs whose subject is the buyer.</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "FlashSale:Auth";

    /// <summary>The shortest signing key accepted, in UTF-8 bytes: HMAC-SHA256 keys shorter than its output are guessable.</summary>
    public const int MinSigningKeyBytes = 32;

    /// <summary>The clock skew tolerated on a token's lifetime when none is configured.</summary>
    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>The largest clock skew accepted: beyond it an expired token would stay usable for too long.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The HMAC-SHA256 signing key (UTF-8); when empty, buyers are identified by the body's userId (development only).</summary>
    public string? SigningKey { get; set; }

    /// <summary>The required <c>iss</c> claim; not checked when empty.</summary>
    public string? Issuer { get; set; }

    /// <summary>The required <c>aud</c> claim; not checked when empty.</summary>
    public string? Audience { get; set; }

    /// <summary>The clock skew tolerated when checking a token's <c>nbf</c> and <c>exp</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = DefaultClockSkew;

    /// <summary>Whether buyers must present a token (a signing key is configured).</summary>
    public bool Enabled => !string.IsNullOrEmpty(SigningKey);

    /// <summary>Returns the problems with these options, if any.</summary>
    public IEnumerable<string> Validate()
    {
        if (Enabled && (string.IsNullOrWhiteSpace(SigningKey) || Encoding.UTF8.GetByteCount(SigningKey!) < MinSigningKeyBytes))
        {
            yield return $"{SectionName}:SigningKey must be at least {MinSigningKeyBytes} bytes (UTF-8) and not blank; leave it empty to identify buyers by the body's userId (development only).";
        }

        // An issuer or audience without a key looks like authentication is on while every buyer is trusted.
        if (!Enabled && (!string.IsNullOrEmpty(Issuer) || !string.IsNullOrEmpty(Audience)))
        {
            yield return $"{SectionName}:Issuer and {SectionName}:Audience need {SectionName}:SigningKey.";
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > MaxClockSkew)
        {
            yield return $"{SectionName}:ClockSkew must be between 0 and {MaxClockSkew.TotalMinutes} minutes.";
        }
    }
}
