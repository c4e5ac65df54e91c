namespace FlashSale.Runtime.Tests.Serialization;

[Trait("Category", "Unit")]
public sealed class TupleCodecTests
{
    [Fact]
    public void ValueTuple_AllArities_RoundTrip()
    {
        Assert.Equal(ValueTuple.Create(1), RoundTrip.Of(ValueTuple.Create(1)));
        Assert.Equal((1, "a"), RoundTrip.Of((1, "a")));
        Assert.Equal((1, "a", 2.5), RoundTrip.Of((1, "a", 2.5)));
        Assert.Equal((1, 2, 3, 4), RoundTrip.Of((1, 2, 3, 4)));
        Assert.Equal((1, 2, 3, 4, 5), RoundTrip.Of((1, 2, 3, 4, 5)));
        Assert.Equal((1, 2, 3, 4, 5, 6), RoundTrip.Of((1, 2, 3, 4, 5, 6)));
        Assert.Equal((1, "2", 3L, 4.0, '5', (byte)6, Color.Blue), RoundTrip.Of((1, "2", 3L, 4.0, '5', (byte)6, Color.Blue)));
    }

    [Fact]
    public void ValueTuple_WithNullsAndNesting_RoundTrips()
    {
        (string? Name, (int X, List<int>? Y) Inner) value = (null, (3, null));
        var copy = RoundTrip.Of(value);
        Assert.Null(copy.Name);
        Assert.Equal(3, copy.Inner.X);
        Assert.Null(copy.Inner.Y);
    }

    [Fact]
    public void Tuple_AllArities_RoundTrip()
    {
        Assert.Equal(Tuple.Create(1), RoundTrip.Of(Tuple.Create(1)));
        Assert.Equal(Tuple.Create(1, "a"), RoundTrip.Of(Tuple.Create(1, "a")));
        Assert.Equal(Tuple.Create(1, 2, 3), RoundTrip.Of(Tuple.Create(1, 2, 3)));
        Assert.Equal(Tuple.Create(1, 2, 3, 4), RoundTrip.Of(Tuple.Create(1, 2, 3, 4)));
        Assert.Equal(Tuple.Create(1, 2, 3, 4, 5), RoundTrip.Of(Tuple.Create(1, 2, 3, 4, 5)));
        Assert.Equal(Tuple.Create(1, 2, 3, 4, 5, 6), RoundTrip.Of(Tuple.Create(1, 2, 3, 4, 5, 6)));
        Assert.Equal(Tuple.Create(1, 2, 3, 4, 5, 6, "7"), RoundTrip.Of(Tuple.Create(1, 2, 3, 4, 5, 6, "7")));
        Assert.Null(RoundTrip.Of<Tuple<int, int>>(null!));
    }

    [Fact]
    public void Tuple_InDictionary_RoundTrips()
    {
        var value = new Dictionary<(int, int), Tuple<string, string?>> { [(1, 2)] = Tuple.Create("a", (string?)null) };
        var copy = RoundTrip.Of(value);
        Assert.Equal("a", copy[(1, 2)].Item1);
        Assert.Null(copy[(1, 2)].Item2);
    }
}
