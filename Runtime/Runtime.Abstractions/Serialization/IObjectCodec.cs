namespace FlashSale.Runtime.Serialization;

/// <summary>
/// Untyped access to the body of an object (its fields and the closing <see cref="WireType.EndObject"/>):
/// used to write and read values whose runtime type differs from the declared one.
/// </summary>
public interface IObjectCodec
{
    /// <summary>The exact runtime type this codec handles.</summary>
    Type Type { get; }

    /// <summary>Writes the fields of <paramref name="value"/> followed by <see cref="WireType.EndObject"/>.</summary>
    void WriteBody(ref Writer writer, object value);

    /// <summary>Reads fields up to and including <see cref="WireType.EndObject"/>.</summary>
    object ReadBody(ref Reader reader);
}
