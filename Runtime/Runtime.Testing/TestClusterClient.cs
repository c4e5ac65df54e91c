namespace FlashSale.Runtime.Testing;

/// <summary>
/// The cluster's client: references it hands out are bound to the first silo that is still active, so the
/// client keeps working when a silo stops. (References obtained earlier stay bound to their silo.)
/// </summary>
internal sealed class TestClusterClient(TestCluster cluster) : IClusterClient
{
    public IServiceProvider ServiceProvider => Current.ServiceProvider;

    private SiloHandle Current =>
        cluster.Silos.FirstOrDefault(s => s.IsActive) ?? throw new SiloUnavailableException("No silo of the test cluster is active.");

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey => Current.GrainFactory.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey => Current.GrainFactory.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey => Current.GrainFactory.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable => Current.GrainFactory.GetGrain<TGrainInterface>(grainId);
}
