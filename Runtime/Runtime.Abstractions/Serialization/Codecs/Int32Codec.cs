namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="int"/>: a VarInt (zig-zag).</summary>
internal sealed class Int32Codec : BuiltInCodec<int>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, int value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarInt32(value);
    }

    /// <inheritdoc />
    public override int ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.VarInt, "int");
        return reader.ReadVarInt32();
    }
}
