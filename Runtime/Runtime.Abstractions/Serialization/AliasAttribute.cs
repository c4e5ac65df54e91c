namespace FlashSale.Runtime;

/// <summary>A stable wire name for a type or grain method, so that renaming the type does not break the wire.</summary>
/// <param name="alias">The wire name.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface | AttributeTargets.Enum | AttributeTargets.Method)]
public sealed class AliasAttribute(string alias) : Attribute
{
    /// <summary>The wire name.</summary>
    public string Alias { get; } = alias;
}
