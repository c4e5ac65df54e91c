using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FlashSale.Client.Api.Tests;

/// <summary>Buyer tokens for the tests, made with the same library family the gateway validates with.</summary>
public static class TestTokens
{
    // 64 bytes, so that a token signed with the right key but HS512 can be made (and must be refused).
    public const string SigningKey = "test-buyer-signing-key-0123456789abcdef-0123456789abcdef-0123456";
    public const string Issuer = "flashsale-tests";
    public const string Audience = "flashsale-gateway";

    /// <summary>A token for <paramref name="subject"/>; by default valid for the auth fixture's gateway for five minutes.</summary>
    public static string Create(
        string? subject,
        string key = SigningKey,
        string? issuer = Issuer,
        string? audience = Audience,
        DateTime? notBefore = null,
        DateTime? expires = null,
        string algorithm = SecurityAlgorithms.HmacSha256,
        bool withExpiry = true)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        if (subject is not null)
        {
            claims["sub"] = subject;
        }

        var from = notBefore ?? now.AddMinutes(-1);
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = claims,
            Issuer = issuer,
            Audience = audience,
            IssuedAt = from,
            NotBefore = from,
            Expires = withExpiry ? expires ?? now.AddMinutes(5) : null,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = withExpiry }.CreateToken(descriptor);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) claiming <paramref name="subject"/>.</summary>
    public static string Unsigned(string subject)
    {
        static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var exp = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        return $"{Encode("""{"alg":"none","typ":"JWT"}""")}.{Encode($$"""{"sub":"{{subject}}","iss":"{{Issuer}}","aud":"{{Audience}}","exp":{{exp}}}""")}.";
    }
}
