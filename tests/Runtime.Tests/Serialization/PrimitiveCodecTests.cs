using System.Net;
using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Tests.Serialization;

[Trait("Category", "Unit")]
public sealed class PrimitiveCodecTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Bool_RoundTrips(bool value) => Assert.Equal(value, RoundTrip.Of(value));

    [Theory]
    [InlineData(byte.MinValue)]
    [InlineData(byte.MaxValue)]
    [InlineData((byte)127)]
    [InlineData((byte)128)]
    public void Byte_RoundTrips(byte value) => Assert.Equal(value, RoundTrip.Of(value));

    [Theory]
    [InlineData(sbyte.MinValue)]
    [InlineData(sbyte.MaxValue)]
    [InlineData((sbyte)0)]
    [InlineData((sbyte)-1)]
    public void SByte_RoundTrips(sbyte value) => Assert.Equal(value, RoundTrip.Of(value));

    [Theory]
    [InlineData(short.MinValue)]
    [InlineData(short.MaxValue)]
    [InlineData((short)-1)]
    public void Int16_RoundTrips(short value) => Assert.Equal(value, RoundTrip.Of(value));

    [Theory]
    [InlineData(ushort.MinValue)]
    [InlineData(ushort.MaxValue)]
    public void UInt16_RoundTrips(ushort value) => Assert.Equal(value, RoundTrip.Of(value));

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(-64)]
    [InlineData(-65)]
    public void Int32_RoundTrips(int value) => Assert.Equal(value, RoundTrip.Of(value));

    [Theory]
    [InlineData(uint.MinValue)]
    [InlineData(uint.MaxValue)]
    [InlineData(0x80u)]
    public void UInt32_RoundTrips(uint value) => Assert.Equal(value, RoundTrip.Of(value));

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void Int64_RoundTrips(long value) => Assert.Equal(value, RoundTrip.Of(value));

    [Theory]
    [InlineData(ulong.MinValue)]
    [InlineData(ulong.MaxValue)]
    [InlineData(1UL << 63)]
    public void UInt64_RoundTrips(ulong value) => Assert.Equal(value, RoundTrip.Of(value));

    [Fact]
    public void NativeIntegers_RoundTrip()
    {
        Assert.Equal(nint.MinValue, RoundTrip.Of(nint.MinValue));
        Assert.Equal(nint.MaxValue, RoundTrip.Of(nint.MaxValue));
        Assert.Equal(nuint.MaxValue, RoundTrip.Of(nuint.MaxValue));
    }

    [Theory]
    [InlineData(char.MinValue)]
    [InlineData(char.MaxValue)]
    [InlineData('é')]
    public void Char_RoundTrips(char value) => Assert.Equal(value, RoundTrip.Of(value));

    [Theory]
    [InlineData(float.MinValue)]
    [InlineData(float.MaxValue)]
    [InlineData(float.Epsilon)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(-0.0f)]
    [InlineData(1.5f)]
    public void Single_RoundTripsBitExact(float value) =>
        Assert.Equal(BitConverter.SingleToUInt32Bits(value), BitConverter.SingleToUInt32Bits(RoundTrip.Of(value)));

    [Theory]
    [InlineData(double.MinValue)]
    [InlineData(double.MaxValue)]
    [InlineData(double.Epsilon)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(-0.0)]
    [InlineData(Math.PI)]
    public void Double_RoundTripsBitExact(double value) =>
        Assert.Equal(BitConverter.DoubleToUInt64Bits(value), BitConverter.DoubleToUInt64Bits(RoundTrip.Of(value)));

    [Fact]
    public void Double_NaNPayload_IsPreserved()
    {
        var nan = BitConverter.UInt64BitsToDouble(0x7FF8_0000_0000_1234);
        Assert.Equal(0x7FF8_0000_0000_1234UL, BitConverter.DoubleToUInt64Bits(RoundTrip.Of(nan)));
    }

    public static TheoryData<decimal> Decimals => new() { decimal.MinValue, decimal.MaxValue, 0m, -1.5m, 0.0000000000000000000000000001m, 1.000m };

    [Theory]
    [MemberData(nameof(Decimals))]
    public void Decimal_RoundTripsWithScale(decimal value)
    {
        var copy = RoundTrip.Of(value);
        Assert.Equal(value, copy);
        Assert.Equal(decimal.GetBits(value), decimal.GetBits(copy));
    }

    [Fact]
    public void Decimal_NegativeZero_KeepsItsSign()
    {
        var negativeZero = new decimal(0, 0, 0, isNegative: true, scale: 2);
        Assert.Equal(decimal.GetBits(negativeZero), decimal.GetBits(RoundTrip.Of(negativeZero)));
    }

    [Fact]
    public void Guid_RoundTrips()
    {
        var value = Guid.NewGuid();
        Assert.Equal(value, RoundTrip.Of(value));
        Assert.Equal(Guid.Empty, RoundTrip.Of(Guid.Empty));
        Assert.Equal(Guid.AllBitsSet, RoundTrip.Of(Guid.AllBitsSet));
    }

    public static TheoryData<DateTime> DateTimes => new()
    {
        DateTime.MinValue,
        DateTime.MaxValue,
        new DateTime(2024, 2, 29, 12, 30, 45, DateTimeKind.Utc).AddTicks(1234),
        new DateTime(2024, 2, 29, 12, 30, 45, DateTimeKind.Local),
        new DateTime(2024, 2, 29, 12, 30, 45, DateTimeKind.Unspecified),
        DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Local),
    };

    [Theory]
    [MemberData(nameof(DateTimes))]
    public void DateTime_RoundTripsTicksAndKind(DateTime value)
    {
        var copy = RoundTrip.Of(value);
        Assert.Equal(value.Ticks, copy.Ticks);
        Assert.Equal(value.Kind, copy.Kind);
    }

    public static TheoryData<DateTimeOffset> DateTimeOffsets => new()
    {
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue,
        new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(14)),
        new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(-14)),
        new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(345)),
    };

    [Theory]
    [MemberData(nameof(DateTimeOffsets))]
    public void DateTimeOffset_RoundTripsClockAndOffset(DateTimeOffset value)
    {
        var copy = RoundTrip.Of(value);
        Assert.Equal(value.Ticks, copy.Ticks);
        Assert.Equal(value.Offset, copy.Offset);
    }

    [Fact]
    public void TimeTypes_RoundTripAtTheirLimits()
    {
        Assert.Equal(TimeSpan.MinValue, RoundTrip.Of(TimeSpan.MinValue));
        Assert.Equal(TimeSpan.MaxValue, RoundTrip.Of(TimeSpan.MaxValue));
        Assert.Equal(TimeSpan.FromMilliseconds(-1), RoundTrip.Of(TimeSpan.FromMilliseconds(-1)));
        Assert.Equal(DateOnly.MinValue, RoundTrip.Of(DateOnly.MinValue));
        Assert.Equal(DateOnly.MaxValue, RoundTrip.Of(DateOnly.MaxValue));
        Assert.Equal(TimeOnly.MinValue, RoundTrip.Of(TimeOnly.MinValue));
        Assert.Equal(TimeOnly.MaxValue, RoundTrip.Of(TimeOnly.MaxValue));
    }

    [Theory]
    [InlineData("https://example.com/a?b=c#d")]
    [InlineData("relative/path")]
    [InlineData("urn:isbn:0451450523")]
    public void Uri_RoundTrips(string text)
    {
        var value = new Uri(text, UriKind.RelativeOrAbsolute);
        var copy = RoundTrip.Of(value);
        Assert.Equal(value, copy);
        Assert.Equal(value.OriginalString, copy.OriginalString);
    }

    [Theory]
    [InlineData("1.2")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4")]
    [InlineData("2147483647.0")]
    public void Version_RoundTrips(string text) => Assert.Equal(Version.Parse(text), RoundTrip.Of(Version.Parse(text)));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("fe80::1%7")]
    [InlineData("2001:db8::ff00:42:8329")]
    public void IPAddress_RoundTripsWithScope(string text)
    {
        var value = IPAddress.Parse(text);
        var copy = RoundTrip.Of(value);
        Assert.Equal(value, copy);
        Assert.Equal(value.ToString(), copy.ToString());
    }

    [Fact]
    public void IPEndPoint_RoundTrips()
    {
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 0), RoundTrip.Of(new IPEndPoint(IPAddress.Loopback, 0)));
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 65535), RoundTrip.Of(new IPEndPoint(IPAddress.IPv6Loopback, 65535)));
    }

    [Fact]
    public void ByteArray_RoundTripsEmptyNullAndData()
    {
        Assert.Empty(RoundTrip.Of(Array.Empty<byte>()));
        Assert.Null(RoundTrip.Of<byte[]>(null!));
        var data = new byte[1000];
        new Random(1).NextBytes(data);
        Assert.Equal(data, RoundTrip.Of(data));
    }

    [Fact]
    public void RuntimeIdentities_RoundTrip()
    {
        var grainId = GrainId.Create("counter", 42);
        Assert.Equal(grainId, RoundTrip.Of(grainId));
        Assert.True(RoundTrip.Of(default(GrainId)).IsDefault);
        var silo = new SiloAddress(new IPEndPoint(IPAddress.Loopback, 11111), 7);
        Assert.Equal(silo, RoundTrip.Of(silo));
        var activation = ActivationId.NewId();
        Assert.Equal(activation, RoundTrip.Of(activation));
    }

    [Fact]
    public void Int32_SmallValue_TakesTwoBytes() => Assert.Equal(2, Serializer.Serialize(5).Length);

    [Fact]
    public void Int32Codec_WriteAndRead_DoNotAllocate()
    {
        using var buffer = new PooledBufferWriter(64 * 1024);
        WriteInts(buffer);
        ReadInts(buffer.WrittenSpan);
        buffer.Reset();

        var before = GC.GetAllocatedBytesForCurrentThread();
        WriteInts(buffer);
        var sum = ReadInts(buffer.WrittenSpan);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.NotEqual(0, sum);
    }

    private static void WriteInts(PooledBufferWriter buffer)
    {
        var writer = new Writer(buffer);
        var codec = Codec<int>.Instance;
        var doubles = Codec<double>.Instance;
        for (var i = 0; i < 1000; i++)
        {
            codec.WriteField(ref writer, 1, i * 7919);
            doubles.WriteField(ref writer, 2, i * 0.5);
        }

        writer.Commit();
    }

    private static long ReadInts(ReadOnlySpan<byte> data)
    {
        var reader = new Reader(data);
        var codec = Codec<int>.Instance;
        var doubles = Codec<double>.Instance;
        long sum = 0;
        while (!reader.IsEnd)
        {
            sum += codec.ReadValue(ref reader, reader.ReadFieldHeader());
            sum += (long)doubles.ReadValue(ref reader, reader.ReadFieldHeader());
        }

        return sum;
    }
}
