namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="uint"/>: a VarInt.</summary>
internal sealed class UInt32Codec : BuiltInCodec<uint>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, uint value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarUInt32(value);
    }

    /// <inheritdoc />
    public override uint ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.VarInt, "uint");
        return reader.ReadVarUInt32();
    }
}
