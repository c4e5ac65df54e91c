namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>
/// Codec of an abstract class or a non-collection interface: the runtime type is never the declared one, so every
/// value is written as <see cref="WireType.TypedObject"/> and read back through its alias.
/// </summary>
/// <typeparam name="T">The declared abstract type.</typeparam>
internal sealed class PolymorphicCodec<T> : IFieldCodec<T>
    where T : class
{
    /// <inheritdoc />
    public void WriteField(ref Writer writer, uint fieldId, T value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        PolymorphicCodec.WriteTyped(ref writer, fieldId, value);
    }

    /// <inheritdoc />
    public T ReadValue(ref Reader reader, Field field)
    {
        switch (field.WireType)
        {
            case WireType.Null:
                return null!;
            case WireType.TypedObject:
                return PolymorphicCodec.ReadTyped<T>(ref reader);
            default:
                reader.Expect(field.WireType, WireType.TypedObject, typeof(T).Name);
                return null!;
        }
    }
}
