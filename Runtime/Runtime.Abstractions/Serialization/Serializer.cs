using System.Buffers;

namespace FlashSale.Runtime.Serialization;

/// <summary>
/// Entry points for serializing a single value: the value is a field with id 0 written by the codec of
/// its declared type. Reading requires the whole input to be that one field.
/// </summary>
public static class Serializer
{
    /// <summary>Serializes <paramref name="value"/> into a new array.</summary>
    public static byte[] Serialize<T>(T value, SerializerSession? session = null)
    {
        var buffer = PooledBufferWriter.RentThreadLocal();
        try
        {
            Serialize(value, buffer, session);
            return buffer.ToArray();
        }
        finally
        {
            PooledBufferWriter.ReturnThreadLocal(buffer);
        }
    }

    /// <summary>Serializes <paramref name="value"/> into <paramref name="output"/>.</summary>
    public static void Serialize<T>(T value, IBufferWriter<byte> output, SerializerSession? session = null)
    {
        var writer = new Writer(output, session);
        Codec<T>.Instance.WriteField(ref writer, 0, value);
        writer.Commit();
    }

    /// <summary>Deserializes a value written by <see cref="Serialize{T}(T, SerializerSession?)"/>; malformed input raises <see cref="SerializationException"/>.</summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> data, SerializerSession? session = null)
    {
        var reader = new Reader(data, session);
        try
        {
            var field = reader.ReadFieldHeader();
            if (field.FieldId != 0)
            {
                throw new SerializationException($"The input starts with field {field.FieldId}; a serialized value is field 0.");
            }

            var value = Codec<T>.Instance.ReadValue(ref reader, field);
            if (!reader.IsEnd)
            {
                throw new SerializationException($"{reader.Remaining} bytes follow the serialized value.");
            }

            return value;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or InvalidCastException or IndexOutOfRangeException)
        {
            // Codecs validate their input; this is the safety net for one that does not (a user or generated codec).
            throw new SerializationException($"The input is malformed: {e.Message}", e);
        }
    }
}
