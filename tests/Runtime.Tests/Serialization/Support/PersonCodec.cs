using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>Hand-written in the exact shape of a generated codec (see GENERATED-CODE.md).</summary>
internal sealed class PersonCodec : IFieldCodec<Person>, IObjectCodec
{
    public Type Type => typeof(Person);

    public void WriteField(ref Writer writer, uint fieldId, Person value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        writer.WriteFieldHeader(fieldId, WireType.StartObject);
        WriteBodyCore(ref writer, value);
    }

    public Person ReadValue(ref Reader reader, Field field)
    {
        if (field.WireType == WireType.Null)
        {
            return null!;
        }

        if (field.WireType == WireType.TypedObject)
        {
            return (Person)PolymorphicCodec.ReadTyped(ref reader);
        }

        reader.Expect(field.WireType, WireType.StartObject, "FlashSale.Runtime.Tests.Serialization.Person");
        return ReadBodyCore(ref reader);
    }

    public void WriteBody(ref Writer writer, object value) => WriteBodyCore(ref writer, (Person)value);

    public object ReadBody(ref Reader reader) => ReadBodyCore(ref reader);

    private static void WriteBodyCore(ref Writer writer, Person value)
    {
        Codec<string>.Instance.WriteField(ref writer, 1, value.Name);
        Codec<int>.Instance.WriteField(ref writer, 2, value.Age);
        writer.WriteEndObject();
    }

    private static Person ReadBodyCore(ref Reader reader)
    {
        reader.EnterObject();
        string name = default!;
        int age = default;
        while (true)
        {
            var field = reader.ReadFieldHeader();
            if (field.IsEndObject)
            {
                break;
            }

            switch (field.FieldId)
            {
                case 1:
                    name = Codec<string>.Instance.ReadValue(ref reader, field);
                    break;
                case 2:
                    age = Codec<int>.Instance.ReadValue(ref reader, field);
                    break;
                default:
                    reader.SkipField(field.WireType);
                    break;
            }
        }

        reader.ExitObject();
        return new Person { Name = name, Age = age };
    }
}
