namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="ulong"/>: a VarInt.</summary>
internal sealed class UInt64Codec : BuiltInCodec<ulong>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, ulong value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarUInt64(value);
    }

    /// <inheritdoc />
    public override ulong ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.VarInt, "ulong");
        return reader.ReadVarUInt64();
    }
}
