namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>
/// Fallback codec of <see cref="ActivationId"/>, used only when no generated codec is registered for it; it writes
/// the generator's shape (the Guid as field 1).
/// </summary>
internal sealed class ActivationIdCodec : BuiltInCodec<ActivationId>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, ActivationId value)
    {
        writer.WriteFieldHeader(fieldId, WireType.StartObject);
        Codec<Guid>.Instance.WriteField(ref writer, 1, value.Value);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override ActivationId ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.StartObject, "ActivationId");
        reader.EnterObject();
        var value = Guid.Empty;
        while (true)
        {
            var header = reader.ReadFieldHeader();
            if (header.IsEndObject)
            {
                break;
            }

            if (header.FieldId == 1)
            {
                value = Codec<Guid>.Instance.ReadValue(ref reader, header);
            }
            else
            {
                reader.SkipField(header.WireType);
            }
        }

        reader.ExitObject();
        return new ActivationId(value);
    }
}
