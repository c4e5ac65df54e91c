namespace FlashSale.Runtime.Serialization;

/// <summary>Resolves codecs by type and types by wire alias (placeholder until the serializer lands).</summary>
public static class CodecRegistry
{
    /// <summary>Registers a codec.</summary>
    public static void Register(Type type, object codec, string alias) => throw new NotSupportedException($"{type}{codec}{alias}");

    /// <summary>Resolves the codec of <typeparamref name="T"/>.</summary>
    public static IFieldCodec<T> GetCodec<T>() => throw new NotSupportedException(typeof(T).FullName);
}
