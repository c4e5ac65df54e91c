namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="bool"/>: a VarInt.</summary>
internal sealed class BoolCodec : BuiltInCodec<bool>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, bool value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarUInt32(value ? 1u : 0u);
    }

    /// <inheritdoc />
    public override bool ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.VarInt, "bool");
        var raw = reader.ReadVarUInt32();
        if (raw > 1)
        {
            CodecErrors.OutOfRange("bool", raw);
        }

        return raw != 0;
    }
}
