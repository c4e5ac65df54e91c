namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="double"/>: the IEEE bits as Fixed64, so NaN payloads and negative zero survive.</summary>
internal sealed class DoubleCodec : BuiltInCodec<double>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, double value)
    {
        writer.WriteFieldHeader(fieldId, WireType.Fixed64);
        writer.WriteFixed64(BitConverter.DoubleToUInt64Bits(value));
    }

    /// <inheritdoc />
    public override double ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.Fixed64, "double");
        return BitConverter.UInt64BitsToDouble(reader.ReadFixed64());
    }
}
