namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="ushort"/>: a VarInt.</summary>
internal sealed class UInt16Codec : BuiltInCodec<ushort>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, ushort value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarUInt32(value);
    }

    /// <inheritdoc />
    public override ushort ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.VarInt, "ushort");
        var raw = reader.ReadVarUInt32();
        if (raw > ushort.MaxValue)
        {
            CodecErrors.OutOfRange("ushort", raw);
        }

        return (ushort)raw;
    }
}
