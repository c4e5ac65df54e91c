using FlashSale.Grains.Configuration;
using FlashSale.Grains.Orders;
using FlashSale.Grains.Orders.Postgres;
using FlashSale.Protection.Hosting;
using FlashSale.Runtime.Postgres;
using FlashSale.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FlashSale.Grains.Hosting;

/// <summary>Adds the flash-sale grains' services to a silo.</summary>
public static class FlashSaleSiloExtensions
{
    /// <summary>
    /// Adds the flash-sale services with the in-memory order log (the embedded default). An
    /// <see cref="InMemoryOrderStore"/> registered beforehand is used as the committed orders (silos of one
    /// process share it); otherwise the silo has its own. Hot-key reporting is on, configured by "FlashSale:HotKeys".
    /// </summary>
    public static ISiloBuilder AddFlashSale(this ISiloBuilder builder, Action<FlashSaleOptions>? configure = null)
    {
        var services = builder.Services;
        services.AddOptions<FlashSaleOptions>().Bind(builder.Configuration.GetSection("FlashSale:Sale")).ValidateOnStart();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FlashSaleOptions>>(new DelegateOptionsValidator<FlashSaleOptions>(o => o.Validate())));
        services.TryAddSingleton<InMemoryOrderStore>();
        services.TryAddSingleton<IOrderLog, InMemoryOrderLog>();
        services.AddHostedService<OrderLogFlusher>();
        services.AddDegradeSwitches(builder.Configuration);
        services.AddHotKeyReporting(HotKeySourceKind.Silo, builder.Configuration.GetSection("FlashSale:HotKeys"));
        return builder;
    }

    /// <summary>Keeps the order log in PostgreSQL (group commit); call after <see cref="AddFlashSale"/>.</summary>
    public static ISiloBuilder UsePostgresOrderLog(this ISiloBuilder builder, Action<PostgresOptions> configure)
    {
        var services = builder.Services;
        services.AddOptions<PostgresOptions>(PostgresOrderLog.OptionsName).Configure(configure).Validate(o => !o.Validate().Any(), "The order log's PostgreSQL options are invalid.");
        services.TryAddSingleton<PostgresDataSourceRegistry>();
        services.RemoveAll<IOrderLog>();
        services.AddSingleton<IOrderLog, PostgresOrderLog>();
        return builder;
    }
}
