namespace FlashSale.Runtime.Serialization;

/// <summary>A field header: the field id inside its object and the wire type of its payload.</summary>
/// <param name="FieldId">The field id (member <c>[Id(n)]</c> plus one; 0 is the base-class scope).</param>
/// <param name="WireType">The payload layout.</param>
public readonly record struct Field(uint FieldId, WireType WireType)
{
    /// <summary>Whether this header closes an object.</summary>
    public bool IsEndObject => WireType == WireType.EndObject;
}
