namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="short"/>: a VarInt (zig-zag).</summary>
internal sealed class Int16Codec : BuiltInCodec<short>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, short value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarInt32(value);
    }

    /// <inheritdoc />
    public override short ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.VarInt, "short");
        var raw = reader.ReadVarInt32();
        if (raw is < short.MinValue or > short.MaxValue)
        {
            CodecErrors.OutOfRange("short", raw);
        }

        return (short)raw;
    }
}
