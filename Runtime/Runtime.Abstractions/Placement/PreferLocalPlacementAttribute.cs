namespace FlashSale.Runtime;

/// <summary>New activations go to the calling silo when it can take them, else to a random silo.</summary>
public sealed class PreferLocalPlacementAttribute : PlacementAttribute
{
    /// <summary>The strategy name.</summary>
    public const string Name = "PreferLocal";

    /// <inheritdoc />
    public override string Strategy => Name;
}
