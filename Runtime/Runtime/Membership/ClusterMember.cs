namespace FlashSale.Runtime.Membership;

/// <summary>A silo as the local membership view sees it.</summary>
/// <param name="SiloAddress">The silo.</param>
/// <param name="Status">Its status.</param>
/// <param name="Name">Its name.</param>
/// <param name="Datacenter">Its datacenter.</param>
/// <param name="GatewayPort">Its gateway port, 0 if none.</param>
[GenerateSerializer, Immutable]
public sealed record ClusterMember(
    [property: Id(0)] SiloAddress SiloAddress,
    [property: Id(1)] SiloStatus Status,
    [property: Id(2)] string Name,
    [property: Id(3)] string Datacenter,
    [property: Id(4)] int GatewayPort);
