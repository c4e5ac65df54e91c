using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Tests.Serialization;

[Trait("Category", "Unit")]
public sealed class StringCodecTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("héllo wörld")]
    [InlineData("日本語のテキスト")]
    [InlineData("emoji 🚀🎉 and surrogate pairs 𝄞")]
    [InlineData("embedded\0null")]
    public void String_RoundTrips(string value) => Assert.Equal(value, RoundTrip.Of(value));

    [Fact]
    public void String_Null_RoundTrips() => Assert.Null(RoundTrip.Of<string>(null!));

    [Theory]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(201)]
    [InlineData(5000)]
    [InlineData(100_000)]
    public void String_Long_RoundTrips(int length)
    {
        var ascii = new string('x', length);
        Assert.Equal(ascii, RoundTrip.Of(ascii));
        var wide = new string('世', length);
        Assert.Equal(wide, RoundTrip.Of(wide));
    }

    [Fact]
    public void String_InvalidUtf8_IsReplacedNotThrown()
    {
        byte[] data = [(0 << 3) | (byte)WireType.LengthPrefixed, 2, 0xC3, 0x28];
        Assert.Equal(2, Serializer.Deserialize<string>(data).Length);
    }
}
