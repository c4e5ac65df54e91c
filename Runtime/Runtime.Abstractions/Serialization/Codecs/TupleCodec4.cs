namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="Tuple{T1, T2, T3, T4}"/>: an object with item <c>i</c> as field <c>i</c> and null as <see cref="WireType.Null"/>; missing items read as default.</summary>
/// <typeparam name="T1">Item type.</typeparam>
/// <typeparam name="T2">Item type.</typeparam>
/// <typeparam name="T3">Item type.</typeparam>
/// <typeparam name="T4">Item type.</typeparam>
internal sealed class TupleCodec<T1, T2, T3, T4> : BuiltInCodec<Tuple<T1, T2, T3, T4>>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, Tuple<T1, T2, T3, T4> value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        writer.WriteFieldHeader(fieldId, WireType.StartObject);
        Codec<T1>.Instance.WriteField(ref writer, 1, value.Item1);
        Codec<T2>.Instance.WriteField(ref writer, 2, value.Item2);
        Codec<T3>.Instance.WriteField(ref writer, 3, value.Item3);
        Codec<T4>.Instance.WriteField(ref writer, 4, value.Item4);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override Tuple<T1, T2, T3, T4> ReadValue(ref Reader reader, Field field)
    {
        switch (field.WireType)
        {
            case WireType.Null:
                return null!;
            case WireType.TypedObject:
                return PolymorphicCodec.ReadTyped<Tuple<T1, T2, T3, T4>>(ref reader);
        }

        reader.Expect(field.WireType, WireType.StartObject, "Tuple");
        reader.EnterObject();
        T1 item1 = default!;
        T2 item2 = default!;
        T3 item3 = default!;
        T4 item4 = default!;
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
                default:
                    reader.SkipField(header.WireType);
                    break;
            }
        }

        reader.ExitObject();
        return new Tuple<T1, T2, T3, T4>(item1, item2, item3, item4);
    }
}
