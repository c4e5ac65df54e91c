namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of single-dimension arrays in the <see cref="CollectionFormat"/> layout.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class ArrayCodec<T> : BuiltInCodec<T[]>
{
    private const string What = "Array";

    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, T[] value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        ListCodec<T>.WriteItems(ref writer, fieldId, value);
    }

    /// <inheritdoc />
    public override T[] ReadValue(ref Reader reader, Field field)
    {
        switch (field.WireType)
        {
            case WireType.Null:
                return null!;
            case WireType.TypedObject:
                return PolymorphicCodec.ReadTyped<T[]>(ref reader);
        }

        var count = CollectionFormat.ReadStart(ref reader, field, 1, What);
        var array = count == 0 ? [] : new T[count];
        var codec = Codec<T>.Instance;
        for (var i = 0; i < array.Length; i++)
        {
            var header = CollectionFormat.ReadItemHeader(ref reader, CollectionFormat.ItemField, What);
            array[i] = codec.ReadValue(ref reader, header);
        }

        CollectionFormat.ReadEnd(ref reader);
        return array;
    }
}
