namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>
/// Codec of <see cref="Stack{T}"/> in the <see cref="CollectionFormat"/> layout, top first (the stack's own
/// enumeration order, so writing allocates nothing); the reader pushes them back bottom first.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class StackCodec<T> : BuiltInCodec<Stack<T>>
{
    private const string What = "Stack";

    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, Stack<T> value)
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
    public override Stack<T> ReadValue(ref Reader reader, Field field)
    {
        switch (field.WireType)
        {
            case WireType.Null:
                return null!;
            case WireType.TypedObject:
                return PolymorphicCodec.ReadTyped<Stack<T>>(ref reader);
        }

        var items = ListCodec<T>.ReadList(ref reader, field, What);
        var stack = new Stack<T>(items.Count);
        for (var i = items.Count - 1; i >= 0; i--)
        {
            stack.Push(items[i]);
        }

        return stack;
    }
}
