using FlashSale.Runtime.Client;
using FlashSale.Runtime.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Hosting;

/// <summary>Hosts a cluster client (<see cref="IClusterClient"/>) in a .NET generic host.</summary>
public static class ClusterClientHostingExtensions
{
    /// <summary>Adds a cluster client, configured from the "Client" section and <paramref name="configure"/>.</summary>
    public static IHostBuilder UseClusterClient(this IHostBuilder builder, Action<ClusterClientOptions>? configure = null) =>
        builder.ConfigureServices((context, services) => services.AddClusterClient(context.Configuration, configure));

    /// <summary>Adds a cluster client to a host application builder.</summary>
    public static IHostApplicationBuilder UseClusterClient(this IHostApplicationBuilder builder, Action<ClusterClientOptions>? configure = null)
    {
        builder.Services.AddClusterClient(builder.Configuration, configure);
        return builder;
    }

    /// <summary>Adds a cluster client to a service collection.</summary>
    public static IServiceCollection AddClusterClient(this IServiceCollection services, IConfiguration configuration, Action<ClusterClientOptions>? configure = null)
    {
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ClusterClientOptions>().Bind(configuration.GetSection("Client")).ValidateOnStart();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddOptions<NetworkingOptions>().Bind(configuration.GetSection("Networking")).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterClientOptions>>(new DelegateOptionsValidator<ClusterClientOptions>(o => o.Validate())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NetworkingOptions>>(new DelegateOptionsValidator<NetworkingOptions>(o => o.Validate())));
        services.TryAddSingleton<ClusterClient>();
        services.TryAddSingleton<IClusterClient>(sp => sp.GetRequiredService<ClusterClient>());
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ClusterClient>());
        services.AddHostedService<ClusterClientHostedService>();
        return services;
    }
}
