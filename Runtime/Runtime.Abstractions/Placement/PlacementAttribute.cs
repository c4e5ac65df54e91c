namespace FlashSale.Runtime;

/// <summary>The base of the attributes that choose, per grain class, on which silo new activations are created.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public abstract class PlacementAttribute : Attribute
{
    /// <summary>The strategy's name, as used in <c>PlacementOptions.DefaultStrategy</c>.</summary>
    public abstract string Strategy { get; }
}
