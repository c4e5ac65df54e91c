namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="ValueTuple{T1, T2}"/>: an object with item <c>i</c> as field <c>i</c>; missing items read as default.</summary>
/// <typeparam name="T1">Item type.</typeparam>
/// <typeparam name="T2">Item type.</typeparam>
internal sealed class ValueTupleCodec<T1, T2> : BuiltInCodec<ValueTuple<T1, T2>>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, ValueTuple<T1, T2> value)
    {
        writer.WriteFieldHeader(fieldId, WireType.StartObject);
        Codec<T1>.Instance.WriteField(ref writer, 1, value.Item1);
        Codec<T2>.Instance.WriteField(ref writer, 2, value.Item2);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override ValueTuple<T1, T2> ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.StartObject, "ValueTuple");
        reader.EnterObject();
        T1 item1 = default!;
        T2 item2 = default!;
        while (true)
        {
            var header = reader.ReadFieldHeader();
            if (header.IsEndObject)
            {
                break;
            }

            switch (header.FieldId)
            {
                case 1:
                    item1 = Codec<T1>.Instance.ReadValue(ref reader, header);
                    break;
                case 2:
                    item2 = Codec<T2>.Instance.ReadValue(ref reader, header);
                    break;
                default:
                    reader.SkipField(header.WireType);
                    break;
            }
        }

        reader.ExitObject();
        return new ValueTuple<T1, T2>(item1, item2);
    }
}
