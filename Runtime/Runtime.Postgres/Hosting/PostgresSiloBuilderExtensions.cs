using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Hosting;
using FlashSale.Runtime.Membership;
using FlashSale.Runtime.Postgres.Reminders;
using FlashSale.Runtime.Postgres.Storage;
using FlashSale.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Postgres.Hosting;

/// <summary>
/// Puts a silo's membership, grain state and reminders in PostgreSQL. Each call replaces the provider registered
/// before it for the same concern (the table of a silo is one table). Options are validated when the silo starts;
/// the schema is created (idempotently) on first use.
/// </summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>Uses a PostgreSQL membership table (the cluster id is the silo's <see cref="SiloOptions.ClusterId"/>) and adds the membership protocol.</summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder builder, Action<PostgresOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPostgresOptions(PostgresServiceCollectionExtensions.ClusteringOptionsName, configure);
        builder.Services.RemoveAll<IMembershipTable>();
        builder.Services.AddSingleton<IMembershipTable>(sp =>
            PostgresServiceCollectionExtensions.CreateMembershipTable(sp, sp.GetRequiredService<IOptions<SiloOptions>>().Value.ClusterId));
        return builder.AddClusterMembership();
    }

    /// <summary>
    /// Adds a PostgreSQL grain storage named <paramref name="name"/>, scoped by the silo's service id. It is
    /// resolvable as <see cref="IGrainStorage"/> and as <see cref="PostgresGrainStorage"/> (for batched writes) under that key.
    /// </summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder builder, string name, Action<PostgresOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var optionsName = PostgresServiceCollectionExtensions.StorageOptionsName(name);
        builder.Services.AddPostgresOptions(optionsName, configure);
        builder.Services.AddKeyedSingleton(name, (sp, _) =>
        {
            var (options, database) = PostgresServiceCollectionExtensions.Resolve(sp, optionsName);
            return new PostgresGrainStorage(
                name,
                sp.GetRequiredService<IOptions<SiloOptions>>().Value.ServiceId,
                options,
                database,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<PostgresGrainStorage>>());
        });
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => sp.GetRequiredKeyedService<PostgresGrainStorage>(name));
        return builder;
    }

    /// <summary>Adds a PostgreSQL grain storage as the default provider (used by <c>[PersistentState]</c> without a storage name).</summary>
    public static ISiloBuilder AddPostgresGrainStorageAsDefault(this ISiloBuilder builder, Action<PostgresOptions> configure) =>
        builder.AddPostgresGrainStorage(GrainStorageNames.Default, configure);

    /// <summary>
    /// Uses a PostgreSQL reminder table (scoped by the silo's service id) and adds the reminder service, which runs
    /// the reminders of the ring ranges this silo owns and re-reads the table on every membership change.
    /// </summary>
    public static ISiloBuilder UsePostgresReminderService(this ISiloBuilder builder, Action<PostgresOptions> configure, Action<ReminderOptions>? configureReminders = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPostgresOptions(PostgresServiceCollectionExtensions.RemindersOptionsName, configure);
        builder.Services.RemoveAll<IReminderTable>();
        builder.Services.AddSingleton<IReminderTable>(sp =>
        {
            var (options, database) = PostgresServiceCollectionExtensions.Resolve(sp, PostgresServiceCollectionExtensions.RemindersOptionsName);
            return new PostgresReminderTable(
                sp.GetRequiredService<IOptions<SiloOptions>>().Value.ServiceId,
                options,
                database,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<PostgresReminderTable>>());
        });
        return builder.AddReminderService(configureReminders);
    }
}
