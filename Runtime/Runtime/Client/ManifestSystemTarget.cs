using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Client;

/// <summary>The silo's <see cref="IManifestSystemTarget"/>.</summary>
internal sealed class ManifestSystemTarget(SiloRuntime runtime) : IManifestSystemTarget
{
    public Task<List<GrainClassInfo>> GetManifest()
    {
        var classes = new List<GrainClassInfo>();
        foreach (var metadata in runtime.GrainTypes.GrainClasses)
        {
            classes.Add(new GrainClassInfo(metadata.GrainType, metadata.GrainClass.FullName ?? metadata.GrainClass.Name, [.. metadata.Interfaces.Select(CodecRegistry.GetAlias)]));
        }

        return Task.FromResult(classes);
    }
}
