namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>
/// Codec of <see cref="object"/>: every non-null value is written as <see cref="WireType.TypedObject"/> with the
/// alias of its runtime type, because the declared type says nothing about how to read it back. As an
/// <see cref="IObjectCodec"/> it handles a bare <c>new object()</c>, whose body is empty.
/// </summary>
internal sealed class ObjectCodec : IFieldCodec<object>, IObjectCodec
{
    /// <inheritdoc />
    public Type Type => typeof(object);

    /// <inheritdoc />
    public void WriteField(ref Writer writer, uint fieldId, object value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        PolymorphicCodec.WriteTyped(ref writer, fieldId, value);
    }

    /// <inheritdoc />
    public object ReadValue(ref Reader reader, Field field)
    {
        switch (field.WireType)
        {
            case WireType.Null:
                return null!;
            case WireType.TypedObject:
                return PolymorphicCodec.ReadTyped(ref reader);
            default:
                reader.Expect(field.WireType, WireType.TypedObject, "object");
                return null!;
        }
    }

    /// <inheritdoc />
    public void WriteBody(ref Writer writer, object value) => writer.WriteEndObject();

    /// <inheritdoc />
    public object ReadBody(ref Reader reader)
    {
        reader.SkipObjectBody();
        return new object();
    }
}
