namespace FlashSale.Runtime.Serialization;

/// <summary>
/// How a field's payload is laid out. Every field carries one, so that a reader that does not know a field
/// can still skip it: that is what makes the format version tolerant.
/// </summary>
public enum WireType : byte
{
    /// <summary>A variable-length integer (LEB128); signed values are zig-zag encoded.</summary>
    VarInt = 0,

    /// <summary>Four bytes, little-endian.</summary>
    Fixed32 = 1,

    /// <summary>Eight bytes, little-endian.</summary>
    Fixed64 = 2,

    /// <summary>A VarInt length followed by that many bytes.</summary>
    LengthPrefixed = 3,

    /// <summary>An object: fields follow until <see cref="EndObject"/>.</summary>
    StartObject = 4,

    /// <summary>Ends the innermost object.</summary>
    EndObject = 5,

    /// <summary>A null reference; no payload.</summary>
    Null = 6,

    /// <summary>An object of a runtime type other than the declared one: a length-prefixed type alias, then fields until <see cref="EndObject"/>.</summary>
    TypedObject = 7,
}
