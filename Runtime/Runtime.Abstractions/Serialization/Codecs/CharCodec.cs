namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="char"/>: a VarInt.</summary>
internal sealed class CharCodec : BuiltInCodec<char>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, char value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarUInt32(value);
    }

    /// <inheritdoc />
    public override char ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.VarInt, "char");
        var raw = reader.ReadVarUInt32();
        if (raw > char.MaxValue)
        {
            CodecErrors.OutOfRange("char", raw);
        }

        return (char)raw;
    }
}
