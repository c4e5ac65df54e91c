namespace FlashSale.Runtime.Serialization.Codecs;

/// <summary>Codec of <see cref="Tuple{T1}"/>: an object with item <c>i</c> as field <c>i</c> and null as <see cref="WireType.Null"/>; missing items read as default.</summary>
/// <typeparam name="T1">Item type.</typeparam>
internal sealed class TupleCodec<T1> : BuiltInCodec<Tuple<T1>>
{
    /// <inheritdoc />
    public override void WriteField(ref Writer writer, uint fieldId, Tuple<T1> value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        writer.WriteFieldHeader(fieldId, WireType.StartObject);
        Codec<T1>.Instance.WriteField(ref writer, 1, value.Item1);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override Tuple<T1> ReadValue(ref Reader reader, Field field)
    {
        switch (field.WireType)
        {
            case WireType.Null:
                return null!;
            case WireType.TypedObject:
                return PolymorphicCodec.ReadTyped<Tuple<T1>>(ref reader);
        }

        reader.Expect(field.WireType, WireType.StartObject, "Tuple");
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
        return new Tuple<T1>(item1);
    }
}
