namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="nuint"/>: a VarInt.</summary>
internal sealed class UIntPtrCodec : BuiltInCodec<nuint>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, nuint value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarUInt64(value);
    }

    /// <inheritdoc />
    public override nuint ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.VarInt, "nuint");
        var raw = reader.ReadVarUInt64();
        if (raw > nuint.MaxValue)
        {
            CodecErrors.OutOfRange("nuint", raw);
        }

        return (nuint)raw;
    }
}
