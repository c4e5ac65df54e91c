using System.Net;
using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Hosting;

/// <summary>Registers cluster membership and its table providers.</summary>
public static class MembershipHostingExtensions
{
    /// <summary>The configuration section <see cref="ClusterMembershipOptions"/> is bound to.</summary>
    public const string OptionsSection = "ClusterMembership";

    /// <summary>
    /// Uses an in-memory membership table: the process-wide one of <see cref="SharedMemoryProviders"/> when it is
    /// registered (every silo of a TestCluster or of the demo), else one private to this silo (a cluster of one).
    /// </summary>
    public static ISiloBuilder UseInMemoryClustering(this ISiloBuilder builder)
    {
        builder.Services.TryAddSingleton<IMembershipTable>(sp => sp.GetService<SharedMemoryProviders>()?.MembershipTable ?? new InMemoryMembershipTable());
        return builder.AddClusterMembership();
    }

    /// <summary>
    /// Development clustering: the silo listening on <paramref name="primarySiloEndpoint"/> keeps the table in memory
    /// and serves it to the others as a system target. A single point of failure, for development only.
    /// </summary>
    public static ISiloBuilder UseDevelopmentClustering(this ISiloBuilder builder, IPEndPoint primarySiloEndpoint)
    {
        ArgumentNullException.ThrowIfNull(primarySiloEndpoint);
        builder.Services.Configure<DevelopmentClusterMembershipOptions>(o => o.PrimarySiloEndpoint = primarySiloEndpoint);
        builder.Services.TryAddSingleton(sp => new DevelopmentMembershipTableHost(
            sp.GetRequiredService<LocalSiloDetails>(),
            sp.GetRequiredService<IOptions<DevelopmentClusterMembershipOptions>>(),
            () => sp.GetRequiredService<SiloRuntime>().RuntimeClient));
        builder.Services.TryAddSingleton<IMembershipTable>(sp => sp.GetRequiredService<DevelopmentMembershipTableHost>().Table);
        return builder.AddClusterMembership();
    }

    /// <summary>
    /// Localhost clustering: advertises 127.0.0.1 with the given ports and uses development clustering with
    /// <paramref name="primarySiloEndpoint"/> as the primary (this silo's own endpoint when null: a cluster of one).
    /// </summary>
    public static ISiloBuilder UseLocalhostClustering(
        this ISiloBuilder builder,
        int siloPort = SiloOptions.DefaultSiloPort,
        int gatewayPort = SiloOptions.DefaultGatewayPort,
        IPEndPoint? primarySiloEndpoint = null)
    {
        builder.Configure<SiloOptions>(o =>
        {
            o.AdvertisedAddress = IPAddress.Loopback.ToString();
            o.SiloPort = siloPort;
            o.GatewayPort = gatewayPort;
        });
        return builder.UseDevelopmentClustering(primarySiloEndpoint ?? new IPEndPoint(IPAddress.Loopback, siloPort));
    }

    /// <summary>
    /// Adds the membership protocol (table manager, agent, health monitor, system target and the
    /// <see cref="IClusterMembershipService"/>) over whichever <see cref="IMembershipTable"/> is registered, with
    /// <see cref="ClusterMembershipOptions"/> bound to the "ClusterMembership" section and validated on start.
    /// </summary>
    public static ISiloBuilder AddClusterMembership(this ISiloBuilder builder)
    {
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(MembershipService)))
        {
            services.AddOptions<ClusterMembershipOptions>().Bind(builder.Configuration.GetSection(OptionsSection)).ValidateOnStart();
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterMembershipOptions>>(
            new DelegateOptionsValidator<ClusterMembershipOptions>(o => o.Validate())));
        services.TryAddSingleton(sp => new SystemTargetSiloProber(() => sp.GetRequiredService<SiloRuntime>().RuntimeClient));
        services.TryAddSingleton<ISiloProber>(sp => sp.GetRequiredService<SystemTargetSiloProber>());
        services.TryAddSingleton<IMembershipGossiper>(sp => sp.GetRequiredService<SystemTargetSiloProber>());
        services.TryAddSingleton(sp => new MembershipTableManager(
            sp.GetRequiredService<IMembershipTable>(),
            sp.GetRequiredService<LocalSiloDetails>(),
            new LazySiloLifetime(sp),
            sp.GetRequiredService<IMembershipGossiper>(),
            sp.GetRequiredService<IOptions<ClusterMembershipOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MembershipTableManager>>()));
        services.TryAddSingleton<IClusterMembershipService>(sp => sp.GetRequiredService<MembershipTableManager>());
        services.TryAddSingleton<MembershipAgent>();
        services.TryAddSingleton<ClusterHealthMonitor>();
        services.TryAddSingleton<MembershipSystemTarget>();
        services.TryAddSingleton<MembershipService>();
        return builder;
    }
}
