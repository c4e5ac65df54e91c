using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FlashSale.Runtime.Hosting;

/// <summary>Registers the reminder service.</summary>
public static class ReminderHostingExtensions
{
    /// <summary>Uses an in-memory reminder table (development and tests).</summary>
    public static ISiloBuilder UseInMemoryReminderService(this ISiloBuilder builder, Action<ReminderOptions>? configure = null)
    {
        builder.Services.TryAddSingleton<IReminderTable>(sp => sp.GetService<SharedMemoryProviders>()?.ReminderTable ?? new InMemoryReminderTable());
        return builder.AddReminderService(configure);
    }

    /// <summary>Adds the reminder service over whichever <see cref="IReminderTable"/> is registered.</summary>
    public static ISiloBuilder AddReminderService(this ISiloBuilder builder, Action<ReminderOptions>? configure = null)
    {
        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }

        builder.Services.TryAddSingleton<ReminderService>();
        builder.Services.TryAddSingleton<IReminderService>(sp => sp.GetRequiredService<ReminderService>());
        return builder;
    }
}
