namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>
/// Stands in <see cref="Codec{T}.Instance"/> for a type that had no codec when first asked for: each use retries
/// the resolution (so a codec registered later is picked up) and otherwise throws the
/// <see cref="SerializationException"/> that explains what is missing. Without it, a failing static
/// initializer would poison the type for the life of the process with a <see cref="TypeInitializationException"/>.
/// </summary>
/// <typeparam name="T">The declared type.</typeparam>
internal sealed class UnresolvedCodec<T> : IFieldCodec<T>
{
    private IFieldCodec<T>? _resolved;

    /// <inheritdoc />
    public void WriteField(ref Writer writer, uint fieldId, T value) => Resolve().WriteField(ref writer, fieldId, value);

    /// <inheritdoc />
    public T ReadValue(ref Reader reader, Field field) => Resolve().ReadValue(ref reader, field);

    private IFieldCodec<T> Resolve() => _resolved ??= CodecRegistry.GetCodec<T>();
}
