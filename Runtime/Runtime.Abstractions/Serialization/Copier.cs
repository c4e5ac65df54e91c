namespace FlashSale.Runtime.Serialization;

/// <summary>
/// Deep copies values of <typeparamref name="T"/> for calls inside a process, which must not share mutable
/// state. Immutable types are returned as they are (decided once per type, so the JIT folds the test away);
/// anything else goes through a serialize/deserialize round trip in a pooled per-thread buffer, with a copy
/// session that carries grain references across unchanged.
/// </summary>
/// <typeparam name="T">The declared type.</typeparam>
public static class Copier<T>
{
    private static readonly bool IsShallow = CodecRegistry.IsShallowCopyable(typeof(T));

    // A value of a non-sealed declared type (object, a base class) may be of an immutable runtime type.
    private static readonly bool CheckRuntimeType = !typeof(T).IsValueType && !typeof(T).IsSealed;

    /// <summary>Returns a deep copy, or the value itself when it is immutable.</summary>
    public static T DeepCopy(T value)
    {
        if (IsShallow || value is null)
        {
            return value;
        }

        if (CheckRuntimeType && CodecRegistry.IsShallowCopyable(value.GetType()))
        {
            return value;
        }

        return RoundTrip(value);
    }

    private static T RoundTrip(T value)
    {
        var buffer = PooledBufferWriter.RentThreadLocal();
        var session = SerializerSession.RentCopySession();
        try
        {
            var codec = Codec<T>.Instance;
            var writer = new Writer(buffer, session);
            codec.WriteField(ref writer, 0, value);
            writer.Commit();
            var reader = new Reader(buffer.WrittenSpan, session);
            return codec.ReadValue(ref reader, reader.ReadFieldHeader());
        }
        finally
        {
            SerializerSession.ReturnCopySession(session);
            PooledBufferWriter.ReturnThreadLocal(buffer);
        }
    }
}
