namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="ValueTuple{T1, T2, T3, T4, T5, T6}"/>: an object with item <c>i</c> as field <c>i</c>; missing items read as default.</summary>
/// <typeparam name="T1">Item type.</typeparam>
/// <typeparam name="T2">Item type.</typeparam>
/// <typeparam name="T3">Item type.</typeparam>
/// <typeparam name="T4">Item type.</typeparam>
/// <typeparam name="T5">Item type.</typeparam>
/// <typeparam name="T6">Item type.</typeparam>
internal sealed class ValueTupleCodec<T1, T2, T3, T4, T5, T6> : BuiltInCodec<ValueTuple<T1, T2, T3, T4, T5, T6>>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, ValueTuple<T1, T2, T3, T4, T5, T6> value)
    {
        writer.WriteFieldHeader(fieldId, WireType.StartObject);
        Codec<T1>.Instance.WriteField(ref writer, 1, value.Item1);
        Codec<T2>.Instance.WriteField(ref writer, 2, value.Item2);
        Codec<T3>.Instance.WriteField(ref writer, 3, value.Item3);
        Codec<T4>.Instance.WriteField(ref writer, 4, value.Item4);
        Codec<T5>.Instance.WriteField(ref writer, 5, value.Item5);
        Codec<T6>.Instance.WriteField(ref writer, 6, value.Item6);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override ValueTuple<T1, T2, T3, T4, T5, T6> ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.StartObject, "ValueTuple");
        reader.EnterObject();
        T1 item1 = default!;
        T2 item2 = default!;
        T3 item3 = default!;
        T4 item4 = default!;
        T5 item5 = default!;
        T6 item6 = default!;
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
                case 3:
                    item3 = Codec<T3>.Instance.ReadValue(ref reader, header);
                    break;
                case 4:
                    item4 = Codec<T4>.Instance.ReadValue(ref reader, header);
                    break;
                case 5:
                    item5 = Codec<T5>.Instance.ReadValue(ref reader, header);
                    break;
                case 6:
                    item6 = Codec<T6>.Instance.ReadValue(ref reader, header);
                    break;
                default:
                    reader.SkipField(header.WireType);
                    break;
            }
        }

        reader.ExitObject();
        return new ValueTuple<T1, T2, T3, T4, T5, T6>(item1, item2, item3, item4, item5, item6);
    }
}
