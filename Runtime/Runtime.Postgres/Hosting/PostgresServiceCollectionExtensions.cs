using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Membership;
using FlashSale.Runtime.Postgres.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Postgres.Hosting;

/// <summary>Registers PostgreSQL providers in a service collection (shared by the silo and the client registrations).</summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>The options name of the membership table.</summary>
    public const string ClusteringOptionsName = "Clustering";

    /// <summary>The options name of the reminder table.</summary>
    public const string RemindersOptionsName = "Reminders";

    /// <summary>The options name of the grain storage named <paramref name="storageName"/>.</summary>
    public static string StorageOptionsName(string storageName) => $"Storage:{storageName}";

    /// <summary>
    /// For a cluster client: reads the gateway list from the PostgreSQL membership table of the cluster
    /// <paramref name="clusterId"/> (by default the client's <see cref="ClusterClientOptions.ClusterId"/>). The client
    /// uses it when no static gateways are configured, and re-reads it every gateway-list refresh period.
    /// </summary>
    public static IServiceCollection AddPostgresMembershipTable(this IServiceCollection services, Action<PostgresOptions> configure, string? clusterId = null)
    {
        services.AddPostgresOptions(ClusteringOptionsName, configure);
        services.RemoveAll<IMembershipTable>();
        services.AddSingleton<IMembershipTable>(sp => CreateMembershipTable(sp, clusterId ?? sp.GetRequiredService<IOptions<ClusterClientOptions>>().Value.ClusterId));
        return services;
    }

    /// <summary>Registers the named options, their validation (on start and on first use) and the shared data sources.</summary>
    internal static IServiceCollection AddPostgresOptions(this IServiceCollection services, string name, Action<PostgresOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PostgresOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresOptions>, PostgresOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgresDataSourceRegistry>();
        return services;
    }

    /// <summary>The validated options named <paramref name="name"/> and the database they name.</summary>
    internal static (PostgresOptions Options, PostgresDatabase Database) Resolve(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptionsMonitor<PostgresOptions>>().Get(name);
        return (options, services.GetRequiredService<PostgresDataSourceRegistry>().Get(options));
    }

    /// <summary>A membership table of <paramref name="clusterId"/> with the clustering options.</summary>
    internal static PostgresMembershipTable CreateMembershipTable(IServiceProvider services, string clusterId)
    {
        var (options, database) = Resolve(services, ClusteringOptionsName);
        return new PostgresMembershipTable(
            clusterId,
            options,
            database,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<PostgresMembershipTable>>());
    }
}
