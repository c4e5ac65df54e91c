namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="Guid"/>: its 16 bytes (little-endian layout), length-prefixed.</summary>
internal sealed class GuidCodec : BuiltInCodec<Guid>
{
    private const int Size = 16;

    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, Guid value)
    {
        Span<byte> bytes = stackalloc byte[Size];
        value.TryWriteBytes(bytes);
        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        writer.WriteLengthPrefixed(bytes);
    }

    /// <inheritdoc />
    public override Guid ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.LengthPrefixed, "Guid");
        var bytes = reader.ReadLengthPrefixed();
        if (bytes.Length != Size)
        {
            CodecErrors.BadLength("Guid", bytes.Length);
        }

        return new Guid(bytes);
    }
}
