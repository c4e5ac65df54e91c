namespace FlashSale.Runtime.Serialization;

/// <summary>Writes and reads values of <typeparamref name="T"/> as fields of the wire format.</summary>
/// <typeparam name="T">The declared type of the field.</typeparam>
public interface IFieldCodec<T>
{
    /// <summary>Writes the field header and the value (a null reference as <see cref="WireType.Null"/>).</summary>
    void WriteField(ref Writer writer, uint fieldId, T value);

    /// <summary>Reads a value whose header <paramref name="field"/> was just read.</summary>
    T ReadValue(ref Reader reader, Field field);
}
