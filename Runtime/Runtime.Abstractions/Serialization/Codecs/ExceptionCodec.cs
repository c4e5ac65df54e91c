namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>
/// Codec of <see cref="Exception"/> and its subtypes (see <see cref="ExceptionBody"/> for the layout), whatever
/// the runtime type: a generated codec of an exception subtype could not carry the message and stack trace,
/// which live in <see cref="Exception"/> itself, so exceptions declared as a base type never defer to one.
/// </summary>
/// <typeparam name="T">The declared exception type.</typeparam>
internal sealed class ExceptionCodec<T> : BuiltInCodec<T>
    where T : Exception
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, T value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        writer.WriteFieldHeader(fieldId, WireType.StartObject);
        ExceptionBody.Write(ref writer, value);
    }

    /// <inheritdoc />
    public override T ReadValue(ref Reader reader, Field field)
    {
        switch (field.WireType)
        {
            case WireType.Null:
                return null!;
            case WireType.TypedObject:
                return PolymorphicCodec.ReadTyped<T>(ref reader);
        }

        reader.Expect(field.WireType, WireType.StartObject, "Exception");
        var exception = ExceptionBody.Read(ref reader);
        if (exception is T typed)
        {
            return typed;
        }

        // The sender's subtype of T is unknown here: build a T that keeps the stand-in as its inner exception.
        if (ExceptionBody.TryCreate(typeof(T), exception.Message, exception) is T declared)
        {
            return declared;
        }

        CodecErrors.WrongType(typeof(T), exception);
        return null!;
    }
}
