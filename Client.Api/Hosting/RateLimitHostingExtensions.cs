using FlashSale.Client.Api.Configuration;
using FlashSale.Client.Api.RateLimiting;
using FlashSale.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace FlashSale.Client.Api.Hosting;

/// <summary>Registers the gateway's purchase rate limits.</summary>
public static class RateLimitHostingExtensions
{
    /// <summary>Adds per-buyer and per-SKU purchase limits (section FlashSale:RateLimits) and the gateway's presence beat.</summary>
    public static IServiceCollection AddPurchaseRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection("FlashSale:RateLimits")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>>(new DelegateOptionsValidator<RateLimitOptions>(o => o.Validate()));
        services.AddSingleton<GatewayPresence>();
        services.AddHostedService(sp => sp.GetRequiredService<GatewayPresence>());
        services.AddSingleton<PurchaseRateLimiter>();
        return services;
    }
}
