namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>
/// Base of the built-in codecs: a typed field codec that is also an <see cref="IObjectCodec"/>, so that a boxed
/// value of <typeparamref name="T"/> in an <c>object</c> field round-trips. The body of such a value is the value
/// itself as field 1, then <see cref="WireType.EndObject"/>.
/// </summary>
/// <typeparam name="T">The handled type.</typeparam>
internal abstract class BuiltInCodec<T> : IFieldCodec<T>, IObjectCodec
{
    /// <summary>The field id of the value inside a polymorphic body.</summary>
    public const uint BodyValueField = 1;

    /// <inheritdoc />
    public Type Type => typeof(T);

    /// <inheritdoc />
    public abstract void WriteField(ref Writer writer, uint fieldId, T value);

    /// <inheritdoc />
    public abstract T ReadValue(ref Reader reader, Field field);

    /// <inheritdoc />
    public void WriteBody(ref Writer writer, object value)
    {
        WriteField(ref writer, BodyValueField, (T)value);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public object ReadBody(ref Reader reader)
    {
        reader.EnterObject();
        var result = default(T);
        while (true)
        {
            var field = reader.ReadFieldHeader();
            if (field.IsEndObject)
            {
                break;
            }

            if (field.FieldId == BodyValueField)
            {
                result = ReadValue(ref reader, field);
            }
            else
            {
                reader.SkipField(field.WireType);
            }
        }

        reader.ExitObject();
        return result!;
    }
}
