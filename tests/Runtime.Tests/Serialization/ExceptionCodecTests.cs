using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Tests.Serialization;

[Trait("Category", "Unit")]
public sealed class ExceptionCodecTests
{
    [Fact]
    public void Exception_KnownType_KeepsTypeAndMessage()
    {
        var copy = RoundTrip.Of<Exception>(new InvalidOperationException("boom"));
        Assert.IsType<InvalidOperationException>(copy);
        Assert.Equal("boom", copy.Message);
    }

    [Fact]
    public void Exception_ArgumentNull_KeepsTypeAndFullMessage()
    {
        var original = new ArgumentNullException("orderId", "must be set");
        var copy = RoundTrip.Of<Exception>(original);
        Assert.IsType<ArgumentNullException>(copy);
        Assert.Equal(original.Message, copy.Message);
    }

    [Fact]
    public void Exception_Inner_IsPreserved()
    {
        var copy = RoundTrip.Of<Exception>(new InvalidOperationException("outer", new FormatException("inner")));
        var inner = Assert.IsType<FormatException>(copy.InnerException);
        Assert.Equal("inner", inner.Message);
    }

    [Fact]
    public void Exception_Thrown_KeepsStackTrace()
    {
        Exception thrown;
        try
        {
            ThrowSomething();
            throw new InvalidOperationException("unreachable");
        }
        catch (TimeoutException e)
        {
            thrown = e;
        }

        var copy = RoundTrip.Of(thrown);
        Assert.Contains(nameof(ThrowSomething), copy.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void Exception_WithoutMessageConstructor_BecomesRemoteException()
    {
        var copy = RoundTrip.Of<Exception>(new NoMessageConstructorException(7));
        var remote = Assert.IsType<RemoteException>(copy);
        Assert.Equal(typeof(NoMessageConstructorException).FullName, remote.OriginalTypeName);
        Assert.Equal("failed with code 7", remote.Message);
    }

    [Fact]
    public void RemoteException_TravelsOnUnderItsOriginalTypeName()
    {
        var remote = new RemoteException("Some.Missing.Type", "lost", null);
        var copy = Assert.IsType<RemoteException>(RoundTrip.Of<Exception>(remote));
        Assert.Equal("Some.Missing.Type", copy.OriginalTypeName);
        Assert.Equal("lost", copy.Message);
    }

    [Fact]
    public void Exception_DeclaredSubtype_RoundTrips()
    {
        var copy = RoundTrip.Of(new ArgumentOutOfRangeException("x", 5, "too big"));
        Assert.IsType<ArgumentOutOfRangeException>(copy);
        Assert.StartsWith("too big", copy.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exception_InObjectField_RoundTrips()
    {
        var copy = RoundTrip.Of<object>(new KeyNotFoundException("missing"));
        Assert.Equal("missing", Assert.IsType<KeyNotFoundException>(copy).Message);
    }

    [Fact]
    public void Exception_Null_RoundTrips() => Assert.Null(RoundTrip.Of<Exception>(null!));

    [Fact]
    public void Exception_SerializationException_RoundTrips() =>
        Assert.IsType<SerializationException>(RoundTrip.Of<Exception>(new SerializationException("bad")));

    private static void ThrowSomething() => throw new TimeoutException("slow");
}
