using System.Diagnostics.Metrics;
using FlashSale.Runtime.Catalog;
using FlashSale.Runtime.CodeGeneration;
using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Diagnostics;
using FlashSale.Runtime.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime;

/// <summary>
/// The silo's composition root for the call path: the catalog, the runtime client and the grain factory,
/// which refer to each other, are created together here instead of through the container, and every
/// activation reaches shared services through one reference to this object.
/// </summary>
internal sealed class SiloRuntime : IDisposable
{
    public SiloRuntime(
        IServiceProvider services,
        LocalSiloDetails siloDetails,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        IMeterFactory meterFactory,
        IOptions<MessagingOptions> messaging,
        IOptions<GrainCollectionOptions> collection,
        IOptions<SchedulingOptions> scheduling)
    {
        Services = services;
        SiloDetails = siloDetails;
        Time = time;
        Logger = loggerFactory.CreateLogger("FlashSale.Runtime.Activation");
        MessagingOptions = messaging.Value;
        CollectionOptions = collection.Value;
        SchedulingOptions = scheduling.Value;
        Metrics = new RuntimeMetrics(meterFactory, siloDetails.SiloAddress.ToString());
        GrainTypes = new GrainTypeManager(collection, scheduling);
        Catalog = new Catalog.GrainCatalog(this, loggerFactory.CreateLogger<Catalog.GrainCatalog>());
        RuntimeClient = new SiloRuntimeClient(this, loggerFactory.CreateLogger<SiloRuntimeClient>());
        GrainFactory = new GrainFactory(RuntimeClient, GrainTypes, services);
    }

    public IServiceProvider Services { get; }

    public LocalSiloDetails SiloDetails { get; }

    public SiloAddress SiloAddress => SiloDetails.SiloAddress;

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public MessagingOptions MessagingOptions { get; }

    public GrainCollectionOptions CollectionOptions { get; }

    public SchedulingOptions SchedulingOptions { get; }

    public RuntimeMetrics Metrics { get; }

    public GrainTypeManager GrainTypes { get; }

    public Catalog.GrainCatalog Catalog { get; }

    public SiloRuntimeClient RuntimeClient { get; }

    public GrainFactory GrainFactory { get; }

    public IGrainStorage GetGrainStorage(string? storageName, GrainClassMetadata grainClass)
    {
        var name = storageName ?? Hosting.GrainStorageNames.Default;
        return Services.GetKeyedService<IGrainStorage>(name)
            ?? throw new InvalidOperationException(
                $"Grain class '{grainClass.GrainClass.FullName}' uses grain storage '{name}', which is not configured. " +
                (storageName is null ? "Call AddMemoryGrainStorageAsDefault() (or another default provider) on the silo builder." : $"Call AddMemoryGrainStorage(\"{name}\") (or another provider) on the silo builder."));
    }

    public void Dispose() => Metrics.Dispose();
}
