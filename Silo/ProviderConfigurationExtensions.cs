using System.Net;
using FlashSale.Runtime.Hosting;
using FlashSale.Grains.Hosting;
using FlashSale.Runtime.Postgres;
using FlashSale.Runtime.Postgres.Hosting;
using Microsoft.Extensions.Configuration;

namespace FlashSale.Silo;

/// <summary>Selects the silo's providers from configuration.</summary>
public static class ProviderConfigurationExtensions
{
    /// <summary>Applies the providers named in FlashSale:Providers; an unknown name stops the silo with a clear error.</summary>
    public static ISiloBuilder UseConfiguredProviders(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = configuration.GetSection("FlashSale:Providers").Get<ProviderSettings>() ?? new ProviderSettings();
        switch (settings.Clustering.ToLowerInvariant())
        {
            case "development":
                silo.UseDevelopmentClustering(IPEndPoint.Parse(settings.PrimarySiloEndpoint));
                break;
            case "memory":
                silo.UseInMemoryClustering();
                break;
            case "postgres":
                silo.UsePostgresClustering(settings.ConfigurePostgres("Clustering"));
                break;
            default:
                throw new InvalidOperationException($"FlashSale:Providers:Clustering '{settings.Clustering}' is not one of: development, memory, postgres.");
        }

        switch (settings.Storage.ToLowerInvariant())
        {
            case "memory":
                silo.AddMemoryGrainStorageAsDefault();
                break;
            case "postgres":
                silo.AddPostgresGrainStorageAsDefault(settings.ConfigurePostgres("Storage"));
                break;
            default:
                throw new InvalidOperationException($"FlashSale:Providers:Storage '{settings.Storage}' is not one of: memory, postgres.");
        }

        switch (settings.Reminders.ToLowerInvariant())
        {
            case "memory":
                silo.UseInMemoryReminderService();
                break;
            case "postgres":
                silo.UsePostgresReminderService(settings.ConfigurePostgres("Reminders"));
                break;
            default:
                throw new InvalidOperationException($"FlashSale:Providers:Reminders '{settings.Reminders}' is not one of: memory, postgres.");
        }

        silo.AddFlashSale();
        switch (settings.Orders.ToLowerInvariant())
        {
            case "memory":
                break;
            case "postgres":
                silo.UsePostgresOrderLog(settings.ConfigurePostgres("Orders"));
                break;
            default:
                throw new InvalidOperationException($"FlashSale:Providers:Orders '{settings.Orders}' is not one of: memory, postgres.");
        }

        return silo;
    }

    // The "postgres" provider of one concern: the shared connection string and schema, checked here so that a
    // missing connection string names the setting to fill instead of surfacing later as an options failure.
    private static Action<PostgresOptions> ConfigurePostgres(this ProviderSettings settings, string concern)
    {
        if (string.IsNullOrWhiteSpace(settings.PostgresConnectionString))
        {
            throw new InvalidOperationException(
                $"FlashSale:Providers:{concern} is 'postgres' but FlashSale:Providers:PostgresConnectionString is empty " +
                "(set it, or the environment variable FlashSale__Providers__PostgresConnectionString, to an Npgsql connection string).");
        }

        return o =>
        {
            o.ConnectionString = settings.PostgresConnectionString;
            o.Schema = string.IsNullOrWhiteSpace(settings.PostgresSchema) ? PostgresOptions.DefaultSchema : settings.PostgresSchema;
        };
    }
}
