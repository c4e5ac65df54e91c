namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="Nullable{T}"/>: the value with the codec of <typeparamref name="T"/>, or <see cref="WireType.Null"/>.</summary>
/// <typeparam name="T">The underlying value type.</typeparam>
internal sealed class NullableCodec<T> : BuiltInCodec<T?>
    where T : struct
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, T? value)
    {
        if (value.HasValue)
        {
            Codec<T>.Instance.WriteField(ref writer, fieldId, value.GetValueOrDefault());
        }
        else
        {
            writer.WriteNull(fieldId);
        }
    }

    /// <inheritdoc />
    public override T? ReadValue(ref Reader reader, Field field) =>
        field.WireType == WireType.Null ? null : Codec<T>.Instance.ReadValue(ref reader, field);
}
