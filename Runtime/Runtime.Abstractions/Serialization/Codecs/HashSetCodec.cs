namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="HashSet{T}"/> in the <see cref="CollectionFormat"/> layout (the comparer is not kept).</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class HashSetCodec<T> : BuiltInCodec<HashSet<T>>
{
    private const string What = "HashSet";

    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, HashSet<T> value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        CollectionFormat.WriteStart(ref writer, fieldId, value.Count);
        var codec = Codec<T>.Instance;
        foreach (var item in value)
        {
            codec.WriteField(ref writer, CollectionFormat.ItemField, item);
        }

        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override HashSet<T> ReadValue(ref Reader reader, Field field)
    {
        switch (field.WireType)
        {
            case WireType.Null:
                return null!;
            case WireType.TypedObject:
                return PolymorphicCodec.ReadTyped<HashSet<T>>(ref reader);
        }

        var count = CollectionFormat.ReadStart(ref reader, field, 1, What);
        var set = new HashSet<T>(count);
        var codec = Codec<T>.Instance;
        for (var i = 0; i < count; i++)
        {
            var header = CollectionFormat.ReadItemHeader(ref reader, CollectionFormat.ItemField, What);

            // A duplicate loses nothing in a set (unlike a dictionary), so it is tolerated.
            set.Add(codec.ReadValue(ref reader, header));
        }

        CollectionFormat.ReadEnd(ref reader);
        return set;
    }
}
