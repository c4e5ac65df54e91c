using FlashSale.Client.Api.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace FlashSale.Client.Api.Infrastructure;

/// <summary>
/// JwtBearer events for buyer tokens: a subject that is not a valid buyer id fails authentication, and a
/// challenge answers 401 with RFC 7807 problem details instead of an empty body.
/// </summary>
public sealed class BuyerTokenEvents(IProblemDetailsService problems, IOptions<GatewayOptions> options) : JwtBearerEvents
{
    /// <inheritdoc />
    public override Task TokenValidated(TokenValidatedContext context)
    {
        // The subject becomes a grain key and an order's owner, so it obeys the same rules as any id from outside.
        if (!InputValidation.IsValidId(context.Principal?.FindFirst(BuyerIdentity.SubjectClaim)?.Value, options.Value.MaxIdLength))
        {
            context.Fail("The token's subject is not a valid buyer id.");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;

        // RFC 6750: say that the token was refused, but not why (the reason helps forgers more than buyers).
        var rejected = context.AuthenticateFailure is not null;
        response.Headers.WWWAuthenticate = rejected ? "Bearer error=\"invalid_token\"" : "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized.",
                Detail = rejected ? "The bearer token is invalid, expired or not meant for this service." : "A bearer token naming the buyer is required.",
            },
        });
    }
}
