using System.Net;

namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>
/// Fallback codec of <see cref="SiloAddress"/>, used only when no generated codec is registered for it; it writes
/// the generator's shape (endpoint as field 1, generation as field 2).
/// </summary>
internal sealed class SiloAddressCodec : BuiltInCodec<SiloAddress>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, SiloAddress value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        writer.WriteFieldHeader(fieldId, WireType.StartObject);
        Codec<IPEndPoint>.Instance.WriteField(ref writer, 1, value.Endpoint);
        Codec<int>.Instance.WriteField(ref writer, 2, value.Generation);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override SiloAddress ReadValue(ref Reader reader, Field field)
    {
        switch (field.WireType)
        {
            case WireType.Null:
                return null!;
            case WireType.TypedObject:
                return PolymorphicCodec.ReadTyped<SiloAddress>(ref reader);
        }

        reader.Expect(field.WireType, WireType.StartObject, "SiloAddress");
        reader.EnterObject();
        IPEndPoint? endpoint = null;
        var generation = 0;
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
                    endpoint = Codec<IPEndPoint>.Instance.ReadValue(ref reader, header);
                    break;
                case 2:
                    generation = Codec<int>.Instance.ReadValue(ref reader, header);
                    break;
                default:
                    reader.SkipField(header.WireType);
                    break;
            }
        }

        reader.ExitObject();
        return endpoint is null
            ? throw new SerializationException("A silo address lacks its endpoint.")
            : new SiloAddress(endpoint, generation);
    }
}
