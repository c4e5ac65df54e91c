namespace FlashSale.Runtime.Tests.Serialization;

[Trait("Category", "Unit")]
public sealed class NullableAndEnumCodecTests
{
    [Fact]
    public void Nullable_RoundTripsValueAndNull()
    {
        Assert.Equal(42, RoundTrip.Of<int?>(42));
        Assert.Null(RoundTrip.Of<int?>(null));
        var guid = Guid.NewGuid();
        Assert.Equal(guid, RoundTrip.Of<Guid?>(guid));
        Assert.Null(RoundTrip.Of<DateTime?>(null));
    }

    [Fact]
    public void Nullable_InsideCollections_RoundTrips() =>
        Assert.Equal([1, null, 3], RoundTrip.Of(new List<int?> { 1, null, 3 }));

    [Theory]
    [InlineData(Color.Red)]
    [InlineData(Color.Blue)]
    [InlineData((Color)(-5))]
    [InlineData((Color)12345)]
    public void Enum_RoundTripsIncludingUndefinedValues(Color value) => Assert.Equal(value, RoundTrip.Of(value));

    [Fact]
    public void Enum_AllUnderlyingTypes_RoundTripAtLimits()
    {
        Assert.Equal(ByteEnum.High, RoundTrip.Of(ByteEnum.High));
        Assert.Equal(SByteEnum.Min, RoundTrip.Of(SByteEnum.Min));
        Assert.Equal(SByteEnum.Max, RoundTrip.Of(SByteEnum.Max));
        Assert.Equal(LongEnum.Min, RoundTrip.Of(LongEnum.Min));
        Assert.Equal(LongEnum.Max, RoundTrip.Of(LongEnum.Max));
        Assert.Equal(ULongEnum.Max, RoundTrip.Of(ULongEnum.Max));
    }

    [Fact]
    public void Enum_Flags_RoundTrip() =>
        Assert.Equal(Permissions.Read | Permissions.Admin, RoundTrip.Of(Permissions.Read | Permissions.Admin));

    [Fact]
    public void Enum_Nullable_RoundTrips()
    {
        Assert.Equal(Color.Green, RoundTrip.Of<Color?>(Color.Green));
        Assert.Null(RoundTrip.Of<Color?>(null));
    }
}
