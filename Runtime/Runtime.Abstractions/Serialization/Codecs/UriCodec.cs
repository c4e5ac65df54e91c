namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="Uri"/>: its original string, length-prefixed UTF-8.</summary>
internal sealed class UriCodec : BuiltInCodec<Uri>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, Uri value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        writer.WriteUtf8(value.OriginalString);
    }

    /// <inheritdoc />
    public override Uri ReadValue(ref Reader reader, Field field)
    {
        switch (field.WireType)
        {
            case WireType.Null:
                return null!;
            case WireType.TypedObject:
                return PolymorphicCodec.ReadTyped<Uri>(ref reader);
            default:
                reader.Expect(field.WireType, WireType.LengthPrefixed, "Uri");
                if (!Uri.TryCreate(reader.ReadUtf8(), UriKind.RelativeOrAbsolute, out var uri))
                {
                    CodecErrors.Invalid("Uri");
                }

                return uri;
        }
    }
}
