namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="nint"/>: a VarInt (zig-zag).</summary>
internal sealed class IntPtrCodec : BuiltInCodec<nint>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, nint value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarInt64(value);
    }

    /// <inheritdoc />
    public override nint ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.VarInt, "nint");
        var raw = reader.ReadVarInt64();
        if (raw < nint.MinValue || raw > nint.MaxValue)
        {
            CodecErrors.OutOfRange("nint", raw);
        }

        return (nint)raw;
    }
}
