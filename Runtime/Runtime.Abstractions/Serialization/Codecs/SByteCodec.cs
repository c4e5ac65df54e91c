namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="sbyte"/>: a VarInt (zig-zag).</summary>
internal sealed class SByteCodec : BuiltInCodec<sbyte>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, sbyte value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarInt32(value);
    }

    /// <inheritdoc />
    public override sbyte ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.VarInt, "sbyte");
        var raw = reader.ReadVarInt32();
        if (raw is < sbyte.MinValue or > sbyte.MaxValue)
        {
            CodecErrors.OutOfRange("sbyte", raw);
        }

        return (sbyte)raw;
    }
}
