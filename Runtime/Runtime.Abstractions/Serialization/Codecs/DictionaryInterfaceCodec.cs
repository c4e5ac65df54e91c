namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>
/// Codec of <see cref="IDictionary{TKey, TValue}"/> and <see cref="IReadOnlyDictionary{TKey, TValue}"/>: writes
/// the entries of whatever implements it and reads them back into a <see cref="Dictionary{TKey, TValue}"/>.
/// </summary>
/// <typeparam name="TDictionary">The declared interface.</typeparam>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
internal sealed class DictionaryInterfaceCodec<TDictionary, TKey, TValue> : BuiltInCodec<TDictionary>
    where TDictionary : class, IEnumerable<KeyValuePair<TKey, TValue>>
    where TKey : notnull
{
    private const string What = "Dictionary";

    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, TDictionary value)
    {
        switch (value)
        {
            case null:
                writer.WriteNull(fieldId);
                return;
            case Dictionary<TKey, TValue> dictionary:
                Codec<Dictionary<TKey, TValue>>.Instance.WriteField(ref writer, fieldId, dictionary);
                return;
            case ICollection<KeyValuePair<TKey, TValue>> collection:
                DictionaryCodec<TKey, TValue>.WriteEntries(ref writer, fieldId, collection, collection.Count);
                return;
            case IReadOnlyCollection<KeyValuePair<TKey, TValue>> collection:
                DictionaryCodec<TKey, TValue>.WriteEntries(ref writer, fieldId, collection, collection.Count);
                return;
            default:
                var copy = new List<KeyValuePair<TKey, TValue>>(value);
                DictionaryCodec<TKey, TValue>.WriteEntries(ref writer, fieldId, copy, copy.Count);
                return;
        }
    }

    /// <inheritdoc />
    public override TDictionary ReadValue(ref Reader reader, Field field) => field.WireType switch
    {
        WireType.Null => null!,
        WireType.TypedObject => PolymorphicCodec.ReadTyped<TDictionary>(ref reader),
        _ => (TDictionary)(object)DictionaryCodec<TKey, TValue>.ReadDictionary(ref reader, field, What),
    };
}
