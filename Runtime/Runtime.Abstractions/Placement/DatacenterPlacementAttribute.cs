namespace FlashSale.Runtime;

/// <summary>Pins a grain class to one datacenter: its activations are created only on silos there.</summary>
/// <param name="datacenter">The datacenter label.</param>
public sealed class DatacenterPlacementAttribute(string datacenter) : PlacementAttribute
{
    /// <summary>The strategy name.</summary>
    public const string Name = "Datacenter";

    /// <summary>The datacenter the grain class is pinned to.</summary>
    public string Datacenter { get; } = datacenter;

    /// <inheritdoc />
    public override string Strategy => Name;
}
