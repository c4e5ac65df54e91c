namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="ValueTuple{T1}"/>: an object with item <c>i</c> as field <c>i</c>; missing items read as default.</summary>
/// <typeparam name="T1">Item type.</typeparam>
internal sealed class ValueTupleCodec<T1> : BuiltInCodec<ValueTuple<T1>>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, ValueTuple<T1> value)
    {
        writer.WriteFieldHeader(fieldId, WireType.StartObject);
        Codec<T1>.Instance.WriteField(ref writer, 1, value.Item1);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override ValueTuple<T1> ReadValue(ref Reader reader, Field field)
    {
        reader.Expect(field.WireType, WireType.StartObject, "ValueTuple");
        reader.EnterObject();
        T1 item1 = default!;
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
                default:
                    reader.SkipField(header.WireType);
                    break;
            }
        }

        reader.ExitObject();
        return new ValueTuple<T1>(item1);
    }
}
