using FlashSale.Protection.Configuration;
using FlashSale.Protection.Switches;
using FlashSale.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FlashSale.Protection.Hosting;

/// <summary>Registers this process's copy of the degrade switches (silos and gateways alike).</summary>
public static class DegradeSwitchServiceCollectionExtensions
{
    /// <summary>Adds the <see cref="SwitchBoard"/> and its poller, with options from FlashSale:Switches (idempotent).</summary>
    public static IServiceCollection AddDegradeSwitches(this IServiceCollection services, IConfiguration? configuration = null)
    {
        if (services.Any(d => d.ServiceType == typeof(SwitchBoard)))
        {
            return services;
        }

        var optionsBuilder = services.AddOptions<DegradeSwitchOptions>();
        if (configuration is not null)
        {
            optionsBuilder.Bind(configuration.GetSection("FlashSale:Switches"));
        }

        optionsBuilder.ValidateOnStart();
        services.AddSingleton<IValidateOptions<DegradeSwitchOptions>>(new DelegateOptionsValidator<DegradeSwitchOptions>(o => o.Validate()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SwitchBoard>();
        services.AddHostedService<SwitchBoardPoller>();
        return services;
    }
}
