namespace FlashSale.Runtime;

/// <summary>Overrides the grain type name of a class (changing it orphans existing references and state).</summary>
/// <param name="grainType">The grain type name.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string grainType) : Attribute
{
    /// <summary>The grain type name.</summary>
    public string GrainType { get; } = grainType;
}
