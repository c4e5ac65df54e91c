namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="Queue{T}"/> in the <see cref="CollectionFormat"/> layout, front first.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class QueueCodec<T> : BuiltInCodec<Queue<T>>
{
    private const string What = "Queue";

    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, Queue<T> value)
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
    public override Queue<T> ReadValue(ref Reader reader, Field field)
    {
        switch (field.WireType)
        {
            case WireType.Null:
                return null!;
            case WireType.TypedObject:
                return PolymorphicCodec.ReadTyped<Queue<T>>(ref reader);
        }

        var count = CollectionFormat.ReadStart(ref reader, field, 1, What);
        var queue = new Queue<T>(count);
        var codec = Codec<T>.Instance;
        for (var i = 0; i < count; i++)
        {
            var header = CollectionFormat.ReadItemHeader(ref reader, CollectionFormat.ItemField, What);
            queue.Enqueue(codec.ReadValue(ref reader, header));
        }

        CollectionFormat.ReadEnd(ref reader);
        return queue;
    }
}
