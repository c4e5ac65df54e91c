namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>
/// The shared layout of collections: an object whose field 1 is the element count (VarInt), followed by the
/// elements as field 2 each (dictionaries: key as field 2 and value as field 3, alternating), then
/// <see cref="WireType.EndObject"/>. Lists, arrays, sets, queues and the collection interfaces share it, so a
/// member can change between them without breaking stored data.
/// </summary>
internal static class CollectionFormat
{
    /// <summary>The field of the element count.</summary>
    public const uint CountField = 1;

    /// <summary>The field of an element (or a dictionary key).</summary>
    public const uint ItemField = 2;

    /// <summary>The field of a dictionary value.</summary>
    public const uint ValueField = 3;

    /// <summary>Writes the object header and the count.</summary>
    public static void WriteStart(ref Writer writer, uint fieldId, int count)
    {
        writer.WriteFieldHeader(fieldId, WireType.StartObject);
        writer.WriteFieldHeader(CountField, WireType.VarInt);
        writer.WriteVarUInt32((uint)count);
    }

    /// <summary>
    /// Enters the object and reads the count, refusing counts the remaining input cannot hold (every element
    /// takes at least one header byte) so that a hostile count cannot make the reader allocate gigabytes.
    /// </summary>
    public static int ReadStart(ref Reader reader, Field field, int minBytesPerItem, string what)
    {
        reader.Expect(field.WireType, WireType.StartObject, what);
        reader.EnterObject();
        var header = reader.ReadFieldHeader();
        if (header.FieldId != CountField || header.WireType != WireType.VarInt)
        {
            throw new SerializationException($"{what}: expected the element count (field 1, VarInt) but found field {header.FieldId} ({header.WireType}).");
        }

        var count = reader.ReadVarUInt32();
        if (count > (uint)(reader.Remaining / minBytesPerItem))
        {
            throw new SerializationException($"{what}: the input declares {count} elements but only {reader.Remaining} bytes remain.");
        }

        return (int)count;
    }

    /// <summary>Reads the header of the next element, which must be field <paramref name="expectedId"/>.</summary>
    public static Field ReadItemHeader(ref Reader reader, uint expectedId, string what)
    {
        var header = reader.ReadFieldHeader();
        if (header.IsEndObject || header.FieldId != expectedId)
        {
            throw new SerializationException($"{what}: expected element field {expectedId} but found field {header.FieldId} ({header.WireType}); the collection ended before its declared count.");
        }

        return header;
    }

    /// <summary>Skips any fields a newer writer added after the elements, then leaves the object.</summary>
    public static void ReadEnd(ref Reader reader)
    {
        while (true)
        {
            var header = reader.ReadFieldHeader();
            if (header.IsEndObject)
            {
                break;
            }

            reader.SkipField(header.WireType);
        }

        reader.ExitObject();
    }
}
