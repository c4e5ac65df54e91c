namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="long"/>: a VarInt (zig-zag).</summary>
internal sealed class Int64Codec : BuiltInCodec<long>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, long value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarInt64(value);
    }

    /// <inheritdoc />
    public override long ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.VarInt, "long");
        return reader.ReadVarInt64();
    }
}
