using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>Hand-written in the shape of a generated codec of a derived sealed class of an abstract base.</summary>
internal sealed class CircleCodec : IFieldCodec<Circle>, IObjectCodec
{
    public Type Type => typeof(Circle);

    public void WriteField(ref Writer writer, uint fieldId, Circle value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        writer.WriteFieldHeader(fieldId, WireType.StartObject);
        WriteBodyCore(ref writer, value);
    }

    public Circle ReadValue(ref Reader reader, Field field)
    {
        if (field.WireType == WireType.Null)
        {
            return null!;
        }

        if (field.WireType == WireType.TypedObject)
        {
            return (Circle)PolymorphicCodec.ReadTyped(ref reader);
        }

        reader.Expect(field.WireType, WireType.StartObject, "FlashSale.Runtime.Tests.Serialization.Circle");
        return ReadBodyCore(ref reader);
    }

    public void WriteBody(ref Writer writer, object value) => WriteBodyCore(ref writer, (Circle)value);

    public object ReadBody(ref Reader reader) => ReadBodyCore(ref reader);

    private static void WriteBodyCore(ref Writer writer, Circle value)
    {
        writer.WriteFieldHeader(0, WireType.StartObject);
        Codec<string>.Instance.WriteField(ref writer, 1, value.Label);
        writer.WriteEndObject();
        Codec<double>.Instance.WriteField(ref writer, 1, value.Radius);
        writer.WriteEndObject();
    }

    private static Circle ReadBodyCore(ref Reader reader)
    {
        reader.EnterObject();
        string label = default!;
        double radius = default;
        while (true)
        {
            var field = reader.ReadFieldHeader();
            if (field.IsEndObject)
            {
                break;
            }

            switch (field.FieldId)
            {
                case 0 when field.WireType == WireType.StartObject:
                    reader.EnterObject();
                    while (true)
                    {
                        var baseField = reader.ReadFieldHeader();
                        if (baseField.IsEndObject)
                        {
                            break;
                        }

                        if (baseField.FieldId == 1)
                        {
                            label = Codec<string>.Instance.ReadValue(ref reader, baseField);
                        }
                        else
                        {
                            reader.SkipField(baseField.WireType);
                        }
                    }

                    reader.ExitObject();
                    break;
                case 1:
                    radius = Codec<double>.Instance.ReadValue(ref reader, field);
                    break;
                default:
                    reader.SkipField(field.WireType);
                    break;
            }
        }

        reader.ExitObject();
        return new Circle { Label = label, Radius = radius };
    }
}
