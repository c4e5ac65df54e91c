namespace FlashSale.Runtime;

/// <summary>New activations go to the less loaded of two random silos (by activation count).</summary>
public sealed class ActivationCountBasedPlacementAttribute : PlacementAttribute
{
    /// <summary>The strategy name.</summary>
    public const string Name = "ActivationCountBased";

    /// <inheritdoc />
    public override string Strategy => Name;
}
