namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="string"/>: length-prefixed UTF-8; null as <see cref="WireType.Null"/>.</summary>
internal sealed class StringCodec : BuiltInCodec<string>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, string value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        writer.WriteUtf8(value);
    }

    /// <inheritdoc />
    public override string ReadValue(ref Reader reader, Field field)
    {
        if (field.WireType == WireType.LengthPrefixed)
        {
            return reader.ReadUtf8();
        }

        if (field.WireType == WireType.Null)
        {
            return null!;
        }

        if (field.WireType == WireType.TypedObject)
        {
            return PolymorphicCodec.ReadTyped<string>(ref reader);
        }

        reader.Expect(field.WireType, WireType.LengthPrefixed, "string");
        return null!;
    }
}
