namespace FlashSale.Runtime;

/// <summary>The stable field id of a serialized member; never reuse an id for another meaning.</summary>
/// <param name="id">The field id, unique within the declaring type.</param>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class IdAttribute(uint id) : Attribute
{
    /// <summary>The field id.</summary>
    public uint Id { get; } = id;
}
