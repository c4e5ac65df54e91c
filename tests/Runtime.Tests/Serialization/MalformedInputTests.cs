using System.Collections.Immutable;
using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Tests.Serialization;

[Trait("Category", "Unit")]
public sealed class MalformedInputTests
{
    public MalformedInputTests() => TestCodecs.EnsureRegistered();

    [Fact]
    public void Truncated_EveryPrefix_ThrowsSerializationException()
    {
        AssertEveryPrefixFails(new List<string?> { "alpha", null, "γάμμα" });
        AssertEveryPrefixFails(new Dictionary<int, double> { [1] = 1.5, [-2] = double.NaN });
        AssertEveryPrefixFails<object>(new List<object> { 1, "two", Color.Blue });
        AssertEveryPrefixFails<Exception>(new InvalidOperationException("boom", new FormatException("inner")));
        AssertEveryPrefixFails((1, "a", 2.5m, Guid.NewGuid(), DateTimeOffset.UtcNow));
        AssertEveryPrefixFails(new Person { Name = "Ada", Age = 36 });
        AssertEveryPrefixFails(ImmutableArray.Create(1L, long.MaxValue));
    }

    [Fact]
    public void TrailingBytes_ThrowSerializationException()
    {
        var bytes = Serializer.Serialize(5).Concat(new byte[] { 0 }).ToArray();
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<int>(bytes));
    }

    [Fact]
    public void TopLevelFieldOtherThanZero_ThrowsSerializationException()
    {
        byte[] bytes = [(1 << 3) | (byte)WireType.VarInt, 2];
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<int>(bytes));
    }

    [Fact]
    public void WrongWireType_ThrowsSerializationException()
    {
        var bytes = Serializer.Serialize("text");
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<int>(bytes));
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<List<int>>(bytes));
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<int>([(byte)WireType.Null]));
    }

    [Fact]
    public void HugeCount_ThrowsSerializationExceptionWithoutAllocating()
    {
        // An object whose count field claims 2^31 - 1 elements, followed by nothing.
        byte[] bytes = [(byte)WireType.StartObject, (1 << 3) | (byte)WireType.VarInt, 0xFF, 0xFF, 0xFF, 0xFF, 0x07];
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<List<long>>(bytes));
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<Guid[]>(bytes));
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<Dictionary<int, int>>(bytes));
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<HashSet<string>>(bytes));
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<ImmutableArray<decimal>>(bytes));
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<Queue<int>>(bytes));
    }

    [Fact]
    public void HugeLength_ThrowsSerializationException()
    {
        byte[] bytes = [(byte)WireType.LengthPrefixed, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, (byte)'a'];
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<string>(bytes));
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<byte[]>(bytes));
    }

    [Fact]
    public void CountLargerThanElements_ThrowsSerializationException()
    {
        byte[] bytes = [(byte)WireType.StartObject, (1 << 3) | (byte)WireType.VarInt, 3, (2 << 3) | (byte)WireType.VarInt, 2, (byte)WireType.EndObject, 0, 0];
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<List<int>>(bytes));
    }

    [Fact]
    public void DeepNesting_ThrowsSerializationException()
    {
        using var buffer = new PooledBufferWriter();
        var writer = new Writer(buffer);
        writer.WriteFieldHeader(0, WireType.TypedObject);
        writer.WriteLengthPrefixed("object"u8);
        // Raw bytes: the writer itself refuses to nest this deep.
        for (var i = 0; i < 200; i++)
        {
            writer.WriteByte((1 << 3) | (byte)WireType.StartObject);
        }

        for (var i = 0; i < 201; i++)
        {
            writer.WriteByte((byte)WireType.EndObject);
        }

        writer.Commit();
        var bytes = buffer.WrittenSpan.ToArray();
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<object>(bytes));
    }

    [Fact]
    public void DeeplyNestedLists_ThrowSerializationExceptionOnWrite()
    {
        object value = 1;
        for (var i = 0; i < 100; i++)
        {
            value = new List<object> { value };
        }

        Assert.Throws<SerializationException>(() => Serializer.Serialize(value));
    }

    [Fact]
    public void CyclicGraph_ThrowsSerializationExceptionInsteadOfOverflowingTheStack()
    {
        var cycle = new List<object>();
        cycle.Add(cycle);
        Assert.Throws<SerializationException>(() => Serializer.Serialize(cycle));
        Assert.Throws<SerializationException>(() => Copier<List<object>>.DeepCopy(cycle));
    }

    [Fact]
    public void NestingWithinTheLimit_RoundTrips()
    {
        object value = 1;
        for (var i = 0; i < 20; i++)
        {
            value = new List<object> { value };
        }

        var copy = RoundTrip.Of(value);
        for (var i = 0; i < 20; i++)
        {
            copy = Assert.Single(Assert.IsType<List<object>>(copy));
        }

        Assert.Equal(1, copy);
    }

    [Theory]
    [InlineData(new byte[] { (byte)WireType.VarInt, 2 })]
    [InlineData(new byte[] { (byte)WireType.VarInt, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void InvalidBool_ThrowsSerializationException(byte[] bytes) =>
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<bool>(bytes));

    [Fact]
    public void OutOfRangeIntegers_ThrowSerializationException()
    {
        var bytes = Serializer.Serialize(300);
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<byte>(bytes));
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<sbyte>(bytes));
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<ByteEnum>(bytes));
        var big = Serializer.Serialize(long.MaxValue);
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<int>(big));
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<short>(big));
    }

    [Fact]
    public void InvalidStructuredValues_ThrowSerializationException()
    {
        byte[] badDecimal = [(byte)WireType.LengthPrefixed, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0];
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<decimal>(badDecimal));
        byte[] badDateTime = [(byte)WireType.Fixed64, 0, 0, 0, 0, 0, 0, 0, 0xC0];
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<DateTime>(badDateTime));
        byte[] badGuid = [(byte)WireType.LengthPrefixed, 3, 1, 2, 3];
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<Guid>(badGuid));
        byte[] badOffset = [(byte)WireType.LengthPrefixed, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0x7F];
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<DateTimeOffset>(badOffset));
        byte[] badAddress = [(byte)WireType.LengthPrefixed, 5, 1, 2, 3, 4, 5];
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<System.Net.IPAddress>(badAddress));
        byte[] badTime = [(byte)WireType.VarInt, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F];
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<TimeOnly>(badTime));
    }

    [Fact]
    public void DuplicateDictionaryKeys_ThrowSerializationException()
    {
        byte[] bytes =
        [
            (byte)WireType.StartObject, (1 << 3) | (byte)WireType.VarInt, 2,
            (2 << 3) | (byte)WireType.VarInt, 2, (3 << 3) | (byte)WireType.VarInt, 4,
            (2 << 3) | (byte)WireType.VarInt, 2, (3 << 3) | (byte)WireType.VarInt, 6,
            (byte)WireType.EndObject,
        ];
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<Dictionary<int, int>>(bytes));
    }

    [Fact]
    public void UnknownAlias_ThrowsSerializationException()
    {
        using var buffer = new PooledBufferWriter();
        var writer = new Writer(buffer);
        writer.WriteFieldHeader(0, WireType.TypedObject);
        writer.WriteLengthPrefixed("No.Such.Type"u8);
        writer.WriteEndObject();
        writer.Commit();
        var bytes = buffer.WrittenSpan.ToArray();
        var e = Assert.Throws<SerializationException>(() => Serializer.Deserialize<object>(bytes));
        Assert.Contains("No.Such.Type", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TypedObjectOfWrongType_ThrowsSerializationException()
    {
        var bytes = Serializer.Serialize<object>(42);
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<string>(bytes));
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<Shape>(bytes));
        Assert.Throws<SerializationException>(() => Serializer.Deserialize<List<int>>(bytes));
    }

    [Fact]
    public void RandomBytes_OnlyEverThrowSerializationException()
    {
        var random = new Random(12345);
        int[] pair = [1, 2];
        var seeds = new[]
        {
            Serializer.Serialize(new List<string> { "a", "bc" }),
            Serializer.Serialize<object>(new Dictionary<string, object> { ["k"] = new List<object> { 1, 2.5, "x" } }),
            Serializer.Serialize<Exception>(new InvalidOperationException("m", new FormatException("i"))),
            Serializer.Serialize((1, "b", Color.Green, pair)),
        };

        for (var i = 0; i < 4_000; i++)
        {
            byte[] input;
            if (i % 2 == 0)
            {
                input = new byte[random.Next(0, 40)];
                random.NextBytes(input);
            }
            else
            {
                // Mutations of valid encodings reach deeper into the codecs than pure noise.
                input = (byte[])seeds[random.Next(seeds.Length)].Clone();
                for (var flips = random.Next(1, 4); flips > 0 && input.Length > 0; flips--)
                {
                    input[random.Next(input.Length)] = (byte)random.Next(256);
                }
            }

            TryAll(input);
        }
    }

    private static void TryAll(byte[] input)
    {
        Try<object>(input);
        Try<List<string>>(input);
        Try<Dictionary<string, object>>(input);
        Try<Exception>(input);
        Try<(int, string, Color, int[])>(input);
        Try<Person>(input);
        Try<decimal>(input);
        Try<DateTimeOffset>(input);
    }

    private static void Try<T>(byte[] input)
    {
        try
        {
            Serializer.Deserialize<T>(input);
        }
        catch (SerializationException)
        {
        }
    }

    private static void AssertEveryPrefixFails<T>(T value)
    {
        var bytes = Serializer.Serialize(value);
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];
            Assert.Throws<SerializationException>(() => Serializer.Deserialize<T>(prefix));
        }

        Serializer.Deserialize<T>(bytes);
    }
}
