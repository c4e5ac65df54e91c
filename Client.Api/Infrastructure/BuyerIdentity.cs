using System.Diagnostics.CodeAnalysis;
using FlashSale.Client.Api.Configuration;
using FlashSale.Client.Api.Hosting;
using FlashSale.Grains;
using Microsoft.Extensions.Options;

namespace FlashSale.Client.Api.Infrastructure;

/// <summary>
/// Who the buyer of a request is: the bearer token's subject where buyer tokens are configured (never a body
/// field), else the body's userId (development only).
/// </summary>
public static class BuyerIdentity
{
    /// <summary>The claim that names the buyer (inbound claims are not mapped, so it stays <c>sub</c>).</summary>
    public const string SubjectClaim = "sub";

    /// <summary>
    /// Resolves the buyer of <paramref name="http"/>, or the problem to answer instead: 401 without an authenticated
    /// subject, 403 when the body's userId names someone else, 400 when (without tokens) the userId is malformed.
    /// </summary>
    public static bool TryResolve(HttpContext http, string? bodyUserId, [NotNullWhen(true)] out string? buyer, [NotNullWhen(false)] out IResult? problem)
    {
        var maxIdLength = http.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.MaxIdLength;
        buyer = null;
        if (!IsEnforced(http))
        {
            if (!InputValidation.IsValidId(bodyUserId, maxIdLength))
            {
                problem = Problems.Invalid(new() { ["userId"] = [$"userId is required: 1 to {maxIdLength} letters, digits or -_.:@."] });
                return false;
            }

            (buyer, problem) = (bodyUserId!, null);
            return true;
        }

        // The buyer policy has already authenticated the token; checking again keeps a route that lost its policy closed.
        var subject = http.User.Identity?.IsAuthenticated == true ? http.User.FindFirst(SubjectClaim)?.Value : null;
        if (!InputValidation.IsValidId(subject, maxIdLength))
        {
            problem = Problems.Of(StatusCodes.Status401Unauthorized, "Unauthorized.", "A valid bearer token naming the buyer is required.");
            return false;
        }

        if (bodyUserId is not null && !string.Equals(bodyUserId, subject, StringComparison.Ordinal))
        {
            problem = Problems.Of(StatusCodes.Status403Forbidden, "The buyer is the token's subject.", "userId names another buyer than the bearer token; omit it or send the token's subject.");
            return false;
        }

        (buyer, problem) = (subject!, null);
        return true;
    }

    /// <summary>Whether the request's buyer may see and pay <paramref name="order"/> (anyone may without buyer tokens).</summary>
    public static bool Owns(HttpContext http, Order? order) =>
        order is not null && (!IsEnforced(http) || (http.User.Identity?.IsAuthenticated == true && string.Equals(http.User.FindFirst(SubjectClaim)?.Value, order.UserId, StringComparison.Ordinal)));

    /// <summary>Whether buyers must present a token (a signing key is configured).</summary>
    public static bool IsEnforced(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.Enabled;
}
