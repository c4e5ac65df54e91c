using FlashSale.Runtime.Hosting;
using System.Text;
using FlashSale.Client.Api.Configuration;
using FlashSale.Client.Api.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace FlashSale.Client.Api.Hosting;

/// <summary>Buyer identity: HMAC-SHA256 JWTs validated by JwtBearer, required by the buyer policy where a signing key is configured.</summary>
public static class BuyerAuthenticationExtensions
{
    /// <summary>The authorization policy of the buyer endpoints (purchase, reservation, order read and payment).</summary>
    public const string BuyerPolicy = "Buyer";

    /// <summary>The authentication scheme of buyer tokens.</summary>
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>Adds buyer-token authentication (section FlashSale:Auth) and the buyer policy.</summary>
    public static IServiceCollection AddBuyerAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>>(new DelegateOptionsValidator<AuthOptions>(o => o.Validate()));
        services.AddHostedService<DevelopmentIdentityWarning>();

        // Without a signing key no endpoint takes the buyer policy (see RequireBuyer), and no authentication or
        // authorization services are registered: the web host adds both middlewares by itself when it finds those
        // services, and each ran a pass per request (scheme lookups, a request scope) that decided nothing.
        if (!IsEnabled(configuration))
        {
            return services;
        }

        // A lone scheme would otherwise become the default and run on every request, admin routes (whose
        // Authorization header carries the admin key, not a JWT) included; only the buyer policy names it.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        services.AddSingleton<BuyerTokenEvents>();
        services.AddAuthentication().AddJwtBearer(Scheme, jwt => jwt.EventsType = typeof(BuyerTokenEvents));
        services.AddOptions<JwtBearerOptions>(Scheme).Configure<IOptions<AuthOptions>>((jwt, auth) => ConfigureTokens(jwt, auth.Value));

        services.AddAuthorizationBuilder().AddPolicy(BuyerPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>Whether <paramref name="configuration"/> names a signing key (the same test as <see cref="AuthOptions.Enabled"/>).</summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[$"{AuthOptions.SectionName}:{nameof(AuthOptions.SigningKey)}"]);

    /// <summary>Requires the buyer policy on an endpoint where buyer tokens are configured.</summary>
    /// <remarks>
    /// Without a signing key the endpoint takes no policy at all: a policy that admits everyone would still run an
    /// authentication and authorization pass per request, and <see cref="BuyerIdentity"/> decides who the buyer is
    /// either way.
    /// </remarks>
    public static RouteHandlerBuilder RequireBuyer(this RouteHandlerBuilder endpoint, IEndpointRouteBuilder app) =>
        app.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>().Value.Enabled ? endpoint.RequireAuthorization(BuyerPolicy) : endpoint;

    private static void ConfigureTokens(JwtBearerOptions jwt, AuthOptions auth)
    {
        jwt.MapInboundClaims = false;
        jwt.IncludeErrorDetails = false;
        if (!auth.Enabled)
        {
            return;
        }

        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.SigningKey!)),
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,

            // Only the one algorithm: a token may not pick a weaker or asymmetric one for itself.
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = !string.IsNullOrEmpty(auth.Issuer),
            ValidIssuer = auth.Issuer,
            ValidateAudience = !string.IsNullOrEmpty(auth.Audience),
            ValidAudience = auth.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = auth.ClockSkew,
            NameClaimType = BuyerIdentity.SubjectClaim,
        };
    }
}
