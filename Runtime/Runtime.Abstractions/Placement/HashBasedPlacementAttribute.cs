namespace FlashSale.Runtime;

/// <summary>New activations go to the silo chosen by the grain id's hash over the active silos.</summary>
public sealed class HashBasedPlacementAttribute : PlacementAttribute
{
    /// <summary>The strategy name.</summary>
    public const string Name = "HashBased";

    /// <inheritdoc />
    public override string Strategy => Name;
}
