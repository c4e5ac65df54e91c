namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <c>byte[]</c>: the bytes, length-prefixed; null as <see cref="WireType.Null"/>.</summary>
internal sealed class ByteArrayCodec : BuiltInCodec<byte[]>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, byte[] value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        writer.WriteLengthPrefixed(value);
    }

    /// <inheritdoc />
    public override byte[] ReadValue(ref Reader reader, Field field)
    {
        switch (field.WireType)
        {
            case WireType.Null:
                return null!;
            case WireType.TypedObject:
                return PolymorphicCodec.ReadTyped<byte[]>(ref reader);
            default:
                reader.Expect(field.WireType, WireType.LengthPrefixed, "byte[]");
                return reader.ReadLengthPrefixed().ToArray();
        }
    }
}
