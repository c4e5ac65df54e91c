namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="KeyValuePair{TKey, TValue}"/>: an object with the key as field 1 and the value as field 2.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
internal sealed class KeyValuePairCodec<TKey, TValue> : BuiltInCodec<KeyValuePair<TKey, TValue>>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, KeyValuePair<TKey, TValue> value)
    {
        writer.WriteFieldHeader(fieldId, WireType.StartObject);
        Codec<TKey>.Instance.WriteField(ref writer, 1, value.Key);
        Codec<TValue>.Instance.WriteField(ref writer, 2, value.Value);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override KeyValuePair<TKey, TValue> ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.StartObject, "KeyValuePair");
        reader.EnterObject();
        TKey key = default!;
        TValue value = default!;
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
                    key = Codec<TKey>.Instance.ReadValue(ref reader, header);
                    break;
                case 2:
                    value = Codec<TValue>.Instance.ReadValue(ref reader, header);
                    break;
                default:
                    reader.SkipField(header.WireType);
                    break;
            }
        }

        reader.ExitObject();
        return new KeyValuePair<TKey, TValue>(key, value);
    }
}
