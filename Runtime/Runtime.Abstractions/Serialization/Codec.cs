namespace FlashSale.Runtime.Serialization;

/// <summary>The codec of <typeparamref name="T"/>, resolved once per type and then read from a static field.</summary>
/// <typeparam name="T">The declared type.</typeparam>
public static class Codec<T>
{
    /// <summary>
    /// The codec. For a type without one, a stand-in whose every use throws <see cref="SerializationException"/>
    /// (naming the type) until a codec is registered.
    /// </summary>
    public static IFieldCodec<T> Instance => Holder.Value;

    private static class Holder
    {
        public static readonly IFieldCodec<T> Value = CodecRegistry.GetCodecOrDeferred<T>();
    }
}
