namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>
/// Codec of <see cref="Dictionary{TKey, TValue}"/> in the <see cref="CollectionFormat"/> layout (key as field 2,
/// value as field 3 per entry). The comparer is not kept; duplicate or null keys in the input are malformed.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
internal sealed class DictionaryCodec<TKey, TValue> : BuiltInCodec<Dictionary<TKey, TValue>>
    where TKey : notnull
{
    private const string What = "Dictionary";

    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, Dictionary<TKey, TValue> value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        CollectionFormat.WriteStart(ref writer, fieldId, value.Count);
        var keyCodec = Codec<TKey>.Instance;
        var valueCodec = Codec<TValue>.Instance;
        foreach (var pair in value)
        {
            keyCodec.WriteField(ref writer, CollectionFormat.ItemField, pair.Key);
            valueCodec.WriteField(ref writer, CollectionFormat.ValueField, pair.Value);
        }

        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override Dictionary<TKey, TValue> ReadValue(ref Reader reader, Field field) => field.WireType switch
    {
        WireType.Null => null!,
        WireType.TypedObject => PolymorphicCodec.ReadTyped<Dictionary<TKey, TValue>>(ref reader),
        _ => ReadDictionary(ref reader, field, What),
    };

    /// <summary>Writes the entries of any dictionary; <paramref name="count"/> must match the enumeration.</summary>
    public static void WriteEntries(ref Writer writer, uint fieldId, IEnumerable<KeyValuePair<TKey, TValue>> entries, int count)
    {
        CollectionFormat.WriteStart(ref writer, fieldId, count);
        var keyCodec = Codec<TKey>.Instance;
        var valueCodec = Codec<TValue>.Instance;
        var written = 0;
        foreach (var pair in entries)
        {
            if (++written > count)
            {
                break;
            }

            keyCodec.WriteField(ref writer, CollectionFormat.ItemField, pair.Key);
            valueCodec.WriteField(ref writer, CollectionFormat.ValueField, pair.Value);
        }

        if (written != count)
        {
            throw new SerializationException($"A dictionary reported {count} entries but enumerated a different number: it was modified while being serialized.");
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads a dictionary object (whose header was just read) into a new dictionary.</summary>
    public static Dictionary<TKey, TValue> ReadDictionary(ref Reader reader, Field field, string what)
    {
        var count = CollectionFormat.ReadStart(ref reader, field, 2, what);
        var dictionary = new Dictionary<TKey, TValue>(count);
        var keyCodec = Codec<TKey>.Instance;
        var valueCodec = Codec<TValue>.Instance;
        for (var i = 0; i < count; i++)
        {
            var keyHeader = CollectionFormat.ReadItemHeader(ref reader, CollectionFormat.ItemField, what);
            var key = keyCodec.ReadValue(ref reader, keyHeader);
            var valueHeader = CollectionFormat.ReadItemHeader(ref reader, CollectionFormat.ValueField, what);
            var value = valueCodec.ReadValue(ref reader, valueHeader);
            if (key is null)
            {
                throw new SerializationException($"{what}: the input holds a null key.");
            }

            if (!dictionary.TryAdd(key, value))
            {
                throw new SerializationException($"{what}: the input holds the key '{key}' twice.");
            }
        }

        CollectionFormat.ReadEnd(ref reader);
        return dictionary;
    }
}
