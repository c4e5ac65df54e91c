using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>Hand-written in the shape of a generated codec of a derived sealed class: the base scope is field 0.</summary>
internal sealed class DogCodec : IFieldCodec<Dog>, IObjectCodec
{
    public Type Type => typeof(Dog);

    public void WriteField(ref Writer writer, uint fieldId, Dog value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        writer.WriteFieldHeader(fieldId, WireType.StartObject);
        WriteBodyCore(ref writer, value);
    }

    public Dog ReadValue(ref Reader reader, Field field)
    {
        if (field.WireType == WireType.Null)
        {
            return null!;
        }

        if (field.WireType == WireType.TypedObject)
        {
            return (Dog)PolymorphicCodec.ReadTyped(ref reader);
        }

        reader.Expect(field.WireType, WireType.StartObject, "FlashSale.Runtime.Tests.Serialization.Dog");
        return ReadBodyCore(ref reader);
    }

    public void WriteBody(ref Writer writer, object value) => WriteBodyCore(ref writer, (Dog)value);

    public object ReadBody(ref Reader reader) => ReadBodyCore(ref reader);

    private static void WriteBodyCore(ref Writer writer, Dog value)
    {
        writer.WriteFieldHeader(0, WireType.StartObject);
        AnimalCodec.WriteMembers(ref writer, value);
        writer.WriteEndObject();
        Codec<string>.Instance.WriteField(ref writer, 1, value.Breed);
        writer.WriteEndObject();
    }

    private static Dog ReadBodyCore(ref Reader reader)
    {
        reader.EnterObject();
        string name = default!;
        string breed = default!;
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
                    name = AnimalCodec.ReadMembers(ref reader);
                    break;
                case 1:
                    breed = Codec<string>.Instance.ReadValue(ref reader, field);
                    break;
                default:
                    reader.SkipField(field.WireType);
                    break;
            }
        }

        reader.ExitObject();
        return new Dog { Name = name, Breed = breed };
    }
}
