using FlashSale.Runtime.Catalog;
using FlashSale.Runtime.CodeGeneration;
using FlashSale.Runtime.Invocation;

namespace FlashSale.Runtime.Messaging;

/// <summary>Creates grain references bound to a runtime; never performs I/O.</summary>
internal sealed class GrainFactory(IGrainReferenceRuntime runtime, IGrainTypeResolver grainTypes, IServiceProvider services) : IClusterClient
{
    public IServiceProvider ServiceProvider => services;

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey =>
        Create<TGrainInterface>(GrainId.Create(grainTypes.ResolveGrainType(typeof(TGrainInterface), grainClassNamePrefix), primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey =>
        Create<TGrainInterface>(GrainId.Create(grainTypes.ResolveGrainType(typeof(TGrainInterface), grainClassNamePrefix), primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey =>
        Create<TGrainInterface>(GrainId.Create(grainTypes.ResolveGrainType(typeof(TGrainInterface), grainClassNamePrefix), primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable => Create<TGrainInterface>(grainId);

    private TGrainInterface Create<TGrainInterface>(GrainId grainId) =>
        (TGrainInterface)(object)ProxyFactory<TGrainInterface>.Factory(runtime, grainId);

    private static class ProxyFactory<T>
    {
        public static readonly Func<IGrainReferenceRuntime, GrainId, GrainReference> Factory = GeneratedCodeRegistry.GetProxyFactory(typeof(T));
    }
}
