namespace FlashSale.Runtime.Serialization;

/// <summary>The codec of <typeparamref name="T"/>, resolved once per type and then read from a static field.</summary>
/// <typeparam name="T">The declared type.</typeparam>
public static class Codec<T>
{
    /// <summary>The codec; resolution failures surface as <see cref="SerializationException"/> on first use.</summary>
    public static IFieldCodec<T> Instance => Holder.Value;

    private static class Holder
    {
        public static readonly IFieldCodec<T> Value = CodecRegistry.GetCodec<T>();
    }
}
