namespace FlashSale.Runtime.Serialization;

/// <summary>Deep copies values of <typeparamref name="T"/> (placeholder until the serializer lands).</summary>
/// <typeparam name="T">The declared type.</typeparam>
public static class Copier<T>
{
    /// <summary>Returns a deep copy, or the value itself when <typeparamref name="T"/> is immutable.</summary>
    public static T DeepCopy(T value) => value;
}
