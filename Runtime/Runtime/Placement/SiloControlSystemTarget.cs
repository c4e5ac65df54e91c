namespace FlashSale.Runtime.Placement;

/// <summary>The silo's <see cref="ISiloControlSystemTarget"/>.</summary>
internal sealed class SiloControlSystemTarget(SiloRuntime runtime) : ISiloControlSystemTarget
{
    public Task<SiloRuntimeStatistics> GetStatistics()
    {
        var byType = new Dictionary<string, int>(StringComparer.Ordinal);
        var activations = runtime.Catalog.GetActivations();
        foreach (var activation in activations)
        {
            byType[activation.Metadata.GrainType] = byType.GetValueOrDefault(activation.Metadata.GrainType) + 1;
        }

        return Task.FromResult(new SiloRuntimeStatistics(activations.Count, runtime.SiloDetails.Datacenter, byType));
    }
}
