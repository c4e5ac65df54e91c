using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Tests.Serialization;

[Trait("Category", "Unit")]
public sealed class ObjectCodecTests
{
    public static TheoryData<object> Boxed => new()
    {
        42,
        -7L,
        3.25,
        1.5f,
        true,
        'c',
        (byte)200,
        12.5m,
        "text",
        Guid.Parse("8e5c1d3a-4f9b-4bb1-9a51-7b3fbd0b1a2c"),
        new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc),
        TimeSpan.FromSeconds(90),
        Color.Blue,
        Permissions.Write,
        (1, "a"),
    };

    [Theory]
    [MemberData(nameof(Boxed))]
    public void Object_BoxedValue_RoundTripsWithItsType(object value)
    {
        var copy = RoundTrip.Of(value);
        Assert.Equal(value.GetType(), copy.GetType());
        Assert.Equal(value, copy);
    }

    [Fact]
    public void Object_Null_RoundTrips() => Assert.Null(RoundTrip.Of<object>(null!));

    [Fact]
    public void Object_Collections_RoundTripWithTheirTypes()
    {
        Assert.Equal([1, 2], Assert.IsType<List<int>>(RoundTrip.Of<object>(new List<int> { 1, 2 })));
        int[] pair = [1, 2];
        Assert.Equal([1, 2], Assert.IsType<int[]>(RoundTrip.Of<object>(pair)));
        var dictionary = Assert.IsType<Dictionary<string, List<int>>>(RoundTrip.Of<object>(new Dictionary<string, List<int>> { ["a"] = [1] }));
        Assert.Equal([1], dictionary["a"]);
    }

    [Fact]
    public void Object_MixedList_RoundTrips()
    {
        var list = new List<object?> { 1, "two", null, new List<object?> { 3.0, Color.Red }, new object() };
        var copy = RoundTrip.Of(list);
        Assert.Equal(1, copy[0]);
        Assert.Equal("two", copy[1]);
        Assert.Null(copy[2]);
        var inner = Assert.IsType<List<object?>>(copy[3]);
        Assert.Equal(3.0, inner[0]);
        Assert.Equal(Color.Red, inner[1]);
        Assert.Equal(typeof(object), copy[4]!.GetType());
    }

    [Fact]
    public void Object_RegisteredType_RoundTrips()
    {
        TestCodecs.EnsureRegistered();
        var copy = Assert.IsType<Person>(RoundTrip.Of<object>(new Person { Name = "Ada", Age = 36 }));
        Assert.Equal("Ada", copy.Name);
        Assert.Equal(36, copy.Age);
    }

    [Fact]
    public void Object_WritesTypedObjectWithAlias()
    {
        var bytes = Serializer.Serialize<object>(5);
        Assert.Equal((byte)WireType.TypedObject, bytes[0]);
        Assert.Equal(3, bytes[1]);
        Assert.Equal("int"u8.ToArray(), bytes[2..5]);
    }

    [Fact]
    public void Object_UnknownRuntimeType_ThrowsSerializationExceptionNamingIt()
    {
        var e = Assert.Throws<SerializationException>(() => Serializer.Serialize<object>(new Unserializable()));
        Assert.Contains(nameof(Unserializable), e.Message, StringComparison.Ordinal);
        Assert.Contains("GenerateSerializer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Codec_UnknownDeclaredType_ThrowsSerializationExceptionEveryTime()
    {
        Assert.Throws<SerializationException>(() => Serializer.Serialize(new Unserializable()));
        var e = Assert.Throws<SerializationException>(() => Serializer.Serialize(new Unserializable()));
        Assert.Contains(nameof(Unserializable), e.Message, StringComparison.Ordinal);
    }

    private sealed class Unserializable
    {
        public int Value { get; set; }
    }
}
