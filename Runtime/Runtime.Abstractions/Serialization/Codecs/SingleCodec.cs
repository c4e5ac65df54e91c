namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="float"/>: the IEEE bits as Fixed32, so NaN payloads and negative zero survive.</summary>
internal sealed class SingleCodec : BuiltInCodec<float>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, float value)
    {
        writer.WriteFieldHeader(fieldId, WireType.Fixed32);
        writer.WriteFixed32(BitConverter.SingleToUInt32Bits(value));
    }

    /// <inheritdoc />
    public override float ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.Fixed32, "float");
        return BitConverter.UInt32BitsToSingle(reader.ReadFixed32());
    }
}
