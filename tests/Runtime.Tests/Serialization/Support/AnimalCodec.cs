using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Tests.Serialization;

/// <summary>Hand-written in the shape of a generated codec of a non-sealed class.</summary>
internal sealed class AnimalCodec : IFieldCodec<Animal>, IObjectCodec
{
    public Type Type => typeof(Animal);

    public void WriteField(ref Writer writer, uint fieldId, Animal value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        if (value.GetType() != typeof(Animal))
        {
            PolymorphicCodec.WriteTyped(ref writer, fieldId, value);
            return;
        }

        writer.WriteFieldHeader(fieldId, WireType.StartObject);
        WriteBodyCore(ref writer, value);
    }

    public Animal ReadValue(ref Reader reader, Field field)
    {
        if (field.WireType == WireType.Null)
        {
            return null!;
        }

        if (field.WireType == WireType.TypedObject)
        {
            return (Animal)PolymorphicCodec.ReadTyped(ref reader);
        }

        reader.Expect(field.WireType, WireType.StartObject, "FlashSale.Runtime.Tests.Serialization.Animal");
        return ReadBodyCore(ref reader);
    }

    public void WriteBody(ref Writer writer, object value) => WriteBodyCore(ref writer, (Animal)value);

    public object ReadBody(ref Reader reader) => ReadBodyCore(ref reader);

    /// <summary>Writes the members of <see cref="Animal"/> (also used as the base scope of subtypes).</summary>
    internal static void WriteMembers(ref Writer writer, Animal value)
    {
        Codec<string>.Instance.WriteField(ref writer, 1, value.Name);
    }

    /// <summary>Reads the members of <see cref="Animal"/> up to the closing EndObject.</summary>
    internal static string ReadMembers(ref Reader reader)
    {
        reader.EnterObject();
        string name = default!;
        while (true)
        {
            var field = reader.ReadFieldHeader();
            if (field.IsEndObject)
            {
                break;
            }

            if (field.FieldId == 1)
            {
                name = Codec<string>.Instance.ReadValue(ref reader, field);
            }
            else
            {
                reader.SkipField(field.WireType);
            }
        }

        reader.ExitObject();
        return name;
    }

    private static void WriteBodyCore(ref Writer writer, Animal value)
    {
        WriteMembers(ref writer, value);
        writer.WriteEndObject();
    }

    private static Animal ReadBodyCore(ref Reader reader) => new() { Name = ReadMembers(ref reader) };
}
