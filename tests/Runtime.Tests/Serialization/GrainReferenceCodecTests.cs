using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Tests.Serialization;

[Trait("Category", "Unit")]
public sealed class GrainReferenceCodecTests
{
    private readonly FakeGrainRuntime _runtime = new();

    [Fact]
    public void GrainReference_WithRuntime_RoundTripsIdAndInterface()
    {
        var session = new SerializerSession(_runtime);
        ITestGrain reference = new TestGrainProxy(_runtime, GrainId.Create("test", "key-1"), typeof(ITestGrain));

        var copy = RoundTrip.Of(reference, session);

        var proxy = Assert.IsType<TestGrainProxy>(copy);
        Assert.Equal(GrainId.Create("test", "key-1"), proxy.GrainId);
        Assert.Equal(typeof(ITestGrain), proxy.InterfaceType);
        Assert.Same(_runtime, proxy.Runtime);
    }

    [Fact]
    public void GrainReference_InObjectAndCollections_RoundTrips()
    {
        var session = new SerializerSession(_runtime);
        var reference = new TestGrainProxy(_runtime, GrainId.Create("test", "k"), typeof(ITestGrain));

        Assert.Equal(reference, RoundTrip.Of<object>(reference, session));
        Assert.Equal(reference, RoundTrip.Of(new List<ITestGrain> { reference }, session)[0]);
        Assert.Equal(reference, RoundTrip.Of<IAddressable>(reference, session));
    }

    [Fact]
    public void GrainReference_WithoutRuntime_ThrowsSerializationException()
    {
        ITestGrain reference = new TestGrainProxy(_runtime, GrainId.Create("test", "k"), typeof(ITestGrain));
        var bytes = Serializer.Serialize(reference);

        var e = Assert.Throws<SerializationException>(() => Serializer.Deserialize<ITestGrain>(bytes));
        Assert.Contains("runtime", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GrainReference_UsesInterfaceAlias()
    {
        ITestGrain reference = new TestGrainProxy(_runtime, GrainId.Create("test", "k"), typeof(ITestGrain));
        var bytes = Serializer.Serialize(reference);
        Assert.Contains("Tests.ITestGrain", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void GrainReference_Null_RoundTrips() => Assert.Null(RoundTrip.Of<ITestGrain>(null!));

    [Fact]
    public void GrainObjectThatIsNotAReference_ThrowsSerializationException() =>
        Assert.Throws<SerializationException>(() => Serializer.Serialize<IAddressable>(new NotAReference()));

    private sealed class NotAReference : IAddressable;
}
