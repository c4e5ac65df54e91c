using FlashSale.Protection.HotKeys;
using FlashSale.Protection.Configuration;
using FlashSale.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FlashSale.Protection.Hosting;

/// <summary>Adds hot-key counting and reporting to a silo or a gateway.</summary>
public static class HotKeyServiceCollectionExtensions
{
    /// <summary>
    /// Adds the per-SKU <see cref="HotKeyCounter"/>, its <see cref="HotKeyReporter"/> and <see cref="HotKeyOptions"/> bound
    /// to <paramref name="configuration"/> (the "FlashSale:HotKeys" section). Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddHotKeyReporting(this IServiceCollection services, HotKeySourceKind kind, IConfiguration? configuration = null)
    {
        if (services.Any(d => d.ServiceType == typeof(HotKeySource)))
        {
            return services;
        }

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        var options = services.AddOptions<HotKeyOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HotKeyOptions>>(new DelegateOptionsValidator<HotKeyOptions>(o => o.Validate())));
        services.AddSingleton(HotKeySource.Create(kind));
        services.TryAddSingleton<HotKeyCounter>();
        services.TryAddSingleton<HotKeyMetrics>();
        services.AddHostedService<HotKeyReporter>();
        return services;
    }
}
