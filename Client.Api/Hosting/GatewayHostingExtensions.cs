using System.Text.Json;
using System.Text.Json.Serialization;
using FlashSale.Client.Api.Configuration;
using FlashSale.Client.Api.Endpoints;
using FlashSale.Client.Api.Infrastructure;
using FlashSale.Grains;
using FlashSale.Protection.Hosting;
using FlashSale.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace FlashSale.Client.Api.Hosting;

/// <summary>Composes the API gateway: a cluster client, the endpoints, problem details, health and OpenAPI.</summary>
public static class GatewayHostingExtensions
{
    /// <summary>Adds the gateway's services to a web application builder.</summary>
    public static WebApplicationBuilder AddFlashSaleGateway(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection("FlashSale:Gateway"))
            .Configure<IConfiguration>((o, configuration) => o.AdminKey ??= configuration["FlashSale:Admin:Key"])
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>>(new DelegateOptionsValidator<GatewayOptions>(o => o.Validate()));
        var maxBody = builder.Configuration.GetValue<long?>("FlashSale:Gateway:MaxRequestBodyBytes") ?? new GatewayOptions().MaxRequestBodyBytes;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBody);

        // Request bodies are read through a Stream: .NET 10's PipeReader path compares a struct by reflection
        // (ValueType.Equals, field arrays allocated) at the end of every body it reads, about 1.5% of a purchase's
        // allocations; the bodies here are a few hundred bytes, read in one go either way.
        AppContext.SetSwitch("Microsoft.AspNetCore.UseStreamBasedJsonParsing", true);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            json.SerializerOptions.MaxDepth = 8;

            // A repeated field ({"userId":"a","userId":"b"}) could be read one way here and another way by a proxy.
            json.SerializerOptions.AllowDuplicateProperties = false;

            // The web defaults read "1" as 1; a client that sends a string where a number belongs has a bug to hear about.
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        services.AddProblemDetails();

        // Registered after the default writer, so it only writes what the default refuses (an Accept without JSON).
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonFallbackWriter>();
        services.AddExceptionHandler<ClusterExceptionHandler>();
        services.AddBuyerAuthentication(builder.Configuration);
        services.AddClusterClient(builder.Configuration);
        services.AddHotKeyReporting(HotKeySourceKind.Gateway, builder.Configuration.GetSection("FlashSale:HotKeys"));
        services.AddSingleton<SkuViewCache>();
        services.AddSingleton<ShardProxies>();
        services.AddDegradeSwitches(builder.Configuration);
        services.AddPurchaseRateLimits(builder.Configuration);
        services.AddSingleton<AdminKeyFilter>();
        services.AddHealthChecks()
            .AddCheck<ClusterReadinessCheck>("cluster", tags: ["ready"])
            .AddCheck<SwitchesLoadedCheck>("switches", tags: ["ready"]);
        services.AddOpenApi();
        return builder;
    }

    /// <summary>Maps the gateway's middleware and endpoints.</summary>
    public static WebApplication MapFlashSaleGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        // After the problem-details middleware, so that authorization failures are answered as problems too. Only
        // with a signing key: otherwise no endpoint has a policy and the services are not even registered.
        if (app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.Enabled)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        app.MapPublicEndpoints();
        app.MapAdminEndpoints();
        app.MapSwitchEndpoints();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapOpenApi();
        return app;
    }
}
