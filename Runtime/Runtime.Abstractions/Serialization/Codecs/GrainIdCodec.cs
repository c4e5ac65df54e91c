namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>
/// Fallback codec of <see cref="GrainId"/>, used only when no generated codec is registered for it. It writes the
/// shape the generator emits for <c>[GenerateSerializer]</c> (type as field 1, key as field 2), so both are
/// interchangeable; the default id (no type) round-trips.
/// </summary>
internal sealed class GrainIdCodec : BuiltInCodec<GrainId>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, GrainId value)
    {
        writer.WriteFieldHeader(fieldId, WireType.StartObject);
        Codec<string>.Instance.WriteField(ref writer, 1, value.Type);
        Codec<string>.Instance.WriteField(ref writer, 2, value.Key);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override GrainId ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.StartObject, "GrainId");
        reader.EnterObject();
        string? type = null;
        string? key = null;
        while (true)
        {
            var header = reader.ReadFieldHeader();
            if (header.IsEndObject)
            {
                break;
            }

            switch (header.FieldId)
            {
                case 1:
                    type = Codec<string>.Instance.ReadValue(ref reader, header);
                    break;
                case 2:
                    key = Codec<string>.Instance.ReadValue(ref reader, header);
                    break;
                default:
                    reader.SkipField(header.WireType);
                    break;
            }
        }

        reader.ExitObject();
        if (type is null && key is null)
        {
            return default;
        }

        if (string.IsNullOrEmpty(type) || key is null)
        {
            throw new SerializationException("A grain id lacks its type or key.");
        }

        return new GrainId(type, key);
    }
}
