using System.Diagnostics.Metrics;
using FlashSale.Runtime.Catalog;
using FlashSale.Runtime.CodeGeneration;
using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Diagnostics;
using FlashSale.Runtime.Directory;
using FlashSale.Runtime.Membership;
using FlashSale.Runtime.Messaging;
using FlashSale.Runtime.Placement;
using FlashSale.Runtime.SystemTargets;
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
    private IMessageCenter? _messageCenter;

    public SiloRuntime(
        IServiceProvider services,
        LocalSiloDetails siloDetails,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        IMeterFactory meterFactory,
        IOptions<MessagingOptions> messaging,
        IOptions<GrainCollectionOptions> collection,
        IOptions<SchedulingOptions> scheduling,
        IOptions<PlacementOptions> placement,
        IOptions<SiloOptions> siloOptions)
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
        ClusterView = new ClusterView(services, siloDetails, siloOptions);
        Directory = new GrainDirectory(this, ClusterView, loggerFactory.CreateLogger<GrainDirectory>());
        LoadStatistics = new SiloLoadStatistics(this, ClusterView, placement, loggerFactory.CreateLogger<SiloLoadStatistics>());
        Placement = new PlacementService(ClusterView, LoadStatistics, placement);
        SystemTargets = new SystemTargetRegistry();
        SystemTargets.Register<IRemoteGrainDirectory>(Directory);
        SystemTargets.Register<ISiloControlSystemTarget>(new SiloControlSystemTarget(this));
        SystemTargets.Register<Client.IManifestSystemTarget>(new Client.ManifestSystemTarget(this));
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

    public ClusterView ClusterView { get; }

    public GrainDirectory Directory { get; }

    public SiloLoadStatistics LoadStatistics { get; }

    public PlacementService Placement { get; }

    public SystemTargetRegistry SystemTargets { get; }

    /// <summary>The transport to other silos; null for a silo without clustering (a cluster of one).</summary>
    public IMessageCenter? MessageCenter
    {
        get => Volatile.Read(ref _messageCenter);
        set => Volatile.Write(ref _messageCenter, value);
    }

    public IGrainStorage GetGrainStorage(string? storageName, GrainClassMetadata grainClass)
    {
        var name = storageName ?? Hosting.GrainStorageNames.Default;
        return Services.GetKeyedService<IGrainStorage>(name)
            ?? throw new InvalidOperationException(
                $"Grain class '{grainClass.GrainClass.FullName}' uses grain storage '{name}', which is not configured. " +
                (storageName is null ? "Call AddMemoryGrainStorageAsDefault() (or another default provider) on the silo builder." : $"Call AddMemoryGrainStorage(\"{name}\") (or another provider) on the silo builder."));
    }

    public void Dispose()
    {
        LoadStatistics.Dispose();
        Directory.Dispose();
        Metrics.Dispose();
    }
}
