using System.Net;
using FlashSale.Runtime.Hosting;
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
            default:
                throw new InvalidOperationException($"FlashSale:Providers:Clustering '{settings.Clustering}' is not one of: development, memory.");
        }

        switch (settings.Storage.ToLowerInvariant())
        {
            case "memory":
                silo.AddMemoryGrainStorageAsDefault();
                break;
            default:
                throw new InvalidOperationException($"FlashSale:Providers:Storage '{settings.Storage}' is not one of: memory.");
        }

        switch (settings.Reminders.ToLowerInvariant())
        {
            case "memory":
                silo.UseInMemoryReminderService();
                break;
            default:
                throw new InvalidOperationException($"FlashSale:Providers:Reminders '{settings.Reminders}' is not one of: memory.");
        }

        return silo;
    }
}
