namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="byte"/>: a VarInt.</summary>
internal sealed class ByteCodec : BuiltInCodec<byte>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, byte value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarUInt32(value);
    }

    /// <inheritdoc />
    public override byte ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.VarInt, "byte");
        var raw = reader.ReadVarUInt32();
        if (raw > byte.MaxValue)
        {
            CodecErrors.OutOfRange("byte", raw);
        }

        return (byte)raw;
    }
}
