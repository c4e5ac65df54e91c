namespace FlashSale.Runtime;

/// <summary>New activations go to a random active silo.</summary>
public sealed class RandomPlacementAttribute : PlacementAttribute
{
    /// <summary>The strategy name.</summary>
    public const string Name = "Random";

    /// <inheritdoc />
    public override string Strategy => Name;
}
