using FlashSale.Runtime.Catalog;
using FlashSale.Runtime.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Hosting;

/// <summary>Hosts a silo in a .NET generic host.</summary>
public static class SiloHostingExtensions
{
    /// <summary>Adds a silo to the host.</summary>
    public static IHostBuilder UseSilo(this IHostBuilder builder, Action<ISiloBuilder>? configure = null) =>
        builder.UseSilo((_, silo) => configure?.Invoke(silo));

    /// <summary>Adds a silo to the host, with access to the host builder context.</summary>
    public static IHostBuilder UseSilo(this IHostBuilder builder, Action<HostBuilderContext, ISiloBuilder> configure) =>
        builder.ConfigureServices((context, services) =>
        {
            var silo = new SiloBuilder(services, context.Configuration);
            silo.AddSiloCore();
            configure(context, silo);
        });

    /// <summary>Adds a silo to a host application builder.</summary>
    public static IHostApplicationBuilder UseSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        var silo = new SiloBuilder(builder.Services, builder.Configuration);
        silo.AddSiloCore();
        configure?.Invoke(silo);
        return builder;
    }

    private static void AddSiloCore(this SiloBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(SiloRuntime)))
        {
            throw new InvalidOperationException("UseSilo was called twice on the same host.");
        }

        services.AddMetrics();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        AddValidatedOptions<SiloOptions>(services, builder.Configuration, "Silo", o => o.Validate());
        AddValidatedOptions<MessagingOptions>(services, builder.Configuration, "Messaging", o => o.Validate());
        AddValidatedOptions<GrainCollectionOptions>(services, builder.Configuration, "GrainCollection", o => o.Validate());
        AddValidatedOptions<SchedulingOptions>(services, builder.Configuration, "Scheduling", o => o.Validate());
        AddValidatedOptions<ReminderOptions>(services, builder.Configuration, "Reminders", o => o.Validate());
        AddValidatedOptions<PlacementOptions>(services, builder.Configuration, "Placement", o => o.Validate());
        AddValidatedOptions<NetworkingOptions>(services, builder.Configuration, "Networking", o => o.Validate());

        services.AddSingleton<LocalSiloDetails>();
        services.AddSingleton<SiloRuntime>();
        services.AddSingleton(sp => sp.GetRequiredService<SiloRuntime>().GrainFactory);
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<SiloRuntime>().GrainFactory);
        services.AddSingleton<IClusterClient>(sp => sp.GetRequiredService<SiloRuntime>().GrainFactory);
        services.AddSingleton<ActivationCollector>();
        services.AddSingleton<Messaging.IIncomingRequestHandler>(sp => sp.GetRequiredService<SiloRuntime>().RuntimeClient);
        services.AddSingleton<Invocation.IGrainReferenceRuntime>(sp => sp.GetRequiredService<SiloRuntime>().RuntimeClient);
        services.AddSingleton<Networking.SiloMessageCenter>();
        services.AddSingleton<SiloHost>();
        services.AddSingleton<ISiloLifetime>(sp => sp.GetRequiredService<SiloHost>());
        services.AddHostedService(sp => sp.GetRequiredService<SiloHost>());
    }

    private static void AddValidatedOptions<TOptions>(IServiceCollection services, IConfiguration configuration, string section, Func<TOptions, IEnumerable<string>> validate)
        where TOptions : class
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new DelegateOptionsValidator<TOptions>(validate));
    }
}
