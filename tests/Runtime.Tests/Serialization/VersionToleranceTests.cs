using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Tests.Serialization;

[Trait("Category", "Unit")]
public sealed class VersionToleranceTests
{
    public VersionToleranceTests() => TestCodecs.EnsureRegistered();

    [Fact]
    public void Read_UnknownFieldsOfEveryWireType_AreSkipped()
    {
        using var buffer = new PooledBufferWriter();
        var writer = new Writer(buffer);
        writer.WriteFieldHeader(0, WireType.StartObject);
        Codec<string>.Instance.WriteField(ref writer, 1, "Grace");
        Codec<long>.Instance.WriteField(ref writer, 9, long.MinValue);
        Codec<float>.Instance.WriteField(ref writer, 10, 1.5f);
        Codec<double>.Instance.WriteField(ref writer, 11, 2.5);
        Codec<string>.Instance.WriteField(ref writer, 12, "a newer field");
        Codec<List<Dictionary<string, int>>>.Instance.WriteField(ref writer, 13, [new() { ["x"] = 1 }]);
        writer.WriteNull(14);
        writer.WriteFieldHeader(15, WireType.TypedObject);
        writer.WriteLengthPrefixed("Some.Type.This.Reader.Does.Not.Have"u8);
        Codec<int>.Instance.WriteField(ref writer, 1, 5);
        writer.WriteEndObject();
        Codec<int>.Instance.WriteField(ref writer, 2, 85);
        writer.WriteEndObject();
        writer.Commit();

        var person = Serializer.Deserialize<Person>(buffer.WrittenSpan);

        Assert.Equal("Grace", person.Name);
        Assert.Equal(85, person.Age);
    }

    [Fact]
    public void Read_MissingFields_TakeDefaults()
    {
        using var buffer = new PooledBufferWriter();
        var writer = new Writer(buffer);
        writer.WriteFieldHeader(0, WireType.StartObject);
        Codec<string>.Instance.WriteField(ref writer, 1, "Linus");
        writer.WriteEndObject();
        writer.Commit();

        var person = Serializer.Deserialize<Person>(buffer.WrittenSpan);

        Assert.Equal("Linus", person.Name);
        Assert.Equal(0, person.Age);
    }

    [Fact]
    public void Read_ExtraTupleItemsAndCollectionTrailers_AreSkipped()
    {
        using var buffer = new PooledBufferWriter();
        var writer = new Writer(buffer);
        writer.WriteFieldHeader(0, WireType.StartObject);
        Codec<int>.Instance.WriteField(ref writer, 1, 1);
        Codec<int>.Instance.WriteField(ref writer, 2, 2);
        Codec<int>.Instance.WriteField(ref writer, 3, 3);
        writer.WriteEndObject();
        writer.Commit();

        Assert.Equal((1, 2), Serializer.Deserialize<(int, int)>(buffer.WrittenSpan));
    }

    [Fact]
    public void Read_BaseScope_IsReadIntoBaseMembers()
    {
        var dog = RoundTrip.Of(new Dog { Name = "Rex", Breed = "Collie" });
        Assert.Equal("Rex", dog.Name);
        Assert.Equal("Collie", dog.Breed);
    }
}
