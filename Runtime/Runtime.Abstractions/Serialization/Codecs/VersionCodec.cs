namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="Version"/>: its string form ("1.2.3.4", undefined parts omitted), length-prefixed UTF-8.</summary>
internal sealed class VersionCodec : BuiltInCodec<Version>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, Version value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        writer.WriteUtf8(value.ToString());
    }

    /// <inheritdoc />
    public override Version ReadValue(ref Reader reader, Field field)
    {
        switch (field.WireType)
        {
            case WireType.Null:
                return null!;
            case WireType.TypedObject:
                return PolymorphicCodec.ReadTyped<Version>(ref reader);
            default:
                reader.Expect(field.WireType, WireType.LengthPrefixed, "Version");
                if (!Version.TryParse(reader.ReadUtf8(), out var version))
                {
                    CodecErrors.Invalid("Version");
                }

                return version;
        }
    }
}
