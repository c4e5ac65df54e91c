namespace FlashSale.Runtime.Placement;

/// <summary>A silo's load as it reports it.</summary>
/// <param name="ActivationCount">Live activations.</param>
/// <param name="Datacenter">The silo's datacenter.</param>
/// <param name="ActivationsByType">Live activations per grain type.</param>
[GenerateSerializer, Immutable]
public sealed record SiloRuntimeStatistics(
    [property: Id(0)] int ActivationCount,
    [property: Id(1)] string Datacenter,
    [property: Id(2)] Dictionary<string, int> ActivationsByType);
