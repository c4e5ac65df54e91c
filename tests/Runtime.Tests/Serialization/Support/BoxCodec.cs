using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>An open generic codec, registered once for every Box&lt;T&gt;.</summary>
internal sealed class BoxCodec<T> : IFieldCodec<Box<T>>, IObjectCodec
{
    public Type Type => typeof(Box<T>);

    public void WriteField(ref Writer writer, uint fieldId, Box<T> value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        writer.WriteFieldHeader(fieldId, WireType.StartObject);
        WriteBody(ref writer, value);
    }

    public Box<T> ReadValue(ref Reader reader, Field field)
    {
        if (field.WireType == WireType.Null)
        {
            return null!;
        }

        if (field.WireType == WireType.TypedObject)
        {
            return PolymorphicCodec.ReadTyped<Box<T>>(ref reader);
        }

        reader.Expect(field.WireType, WireType.StartObject, "Box");
        return (Box<T>)ReadBody(ref reader);
    }

    public void WriteBody(ref Writer writer, object value)
    {
        Codec<T>.Instance.WriteField(ref writer, 1, ((Box<T>)value).Value);
        writer.WriteEndObject();
    }

    public object ReadBody(ref Reader reader)
    {
        reader.EnterObject();
        var box = new Box<T>();
        while (true)
        {
            var field = reader.ReadFieldHeader();
            if (field.IsEndObject)
            {
                break;
            }

            if (field.FieldId == 1)
            {
                box.Value = Codec<T>.Instance.ReadValue(ref reader, field);
            }
            else
            {
                reader.SkipField(field.WireType);
            }
        }

        reader.ExitObject();
        return box;
    }
}
