using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Tests.Serialization;

[Trait("Category", "Unit")]
public sealed class PolymorphismTests
{
    public PolymorphismTests() => TestCodecs.EnsureRegistered();

    [Fact]
    public void AbstractDeclaredType_RoundTripsConcreteType()
    {
        var copy = RoundTrip.Of<Shape>(new Circle { Label = "c", Radius = 2.5 });
        var circle = Assert.IsType<Circle>(copy);
        Assert.Equal("c", circle.Label);
        Assert.Equal(2.5, circle.Radius);
    }

    [Fact]
    public void AbstractDeclaredType_Null_RoundTrips() => Assert.Null(RoundTrip.Of<Shape>(null!));

    [Fact]
    public void NonSealedDeclaredType_RoundTripsSubtype()
    {
        var copy = RoundTrip.Of<Animal>(new Dog { Name = "Rex", Breed = "Collie" });
        var dog = Assert.IsType<Dog>(copy);
        Assert.Equal("Rex", dog.Name);
        Assert.Equal("Collie", dog.Breed);
    }

    [Fact]
    public void NonSealedDeclaredType_ExactType_IsWrittenWithoutAlias()
    {
        var bytes = Serializer.Serialize(new Animal { Name = "Cat" });
        Assert.Equal((byte)WireType.StartObject, bytes[0]);
        Assert.Equal("Cat", RoundTrip.Of(new Animal { Name = "Cat" }).Name);
    }

    [Fact]
    public void CollectionsOfBaseTypes_KeepEachRuntimeType()
    {
        var animals = new List<Animal> { new() { Name = "a" }, new Dog { Name = "d", Breed = "b" }, null! };
        var copy = RoundTrip.Of(animals);
        Assert.IsType<Animal>(copy[0]);
        Assert.IsType<Dog>(copy[1]);
        Assert.Null(copy[2]);
    }

    [Fact]
    public void InterfaceDeclaredType_RoundTripsRuntimeType()
    {
        var copy = RoundTrip.Of<IComparable>(17);
        Assert.Equal(17, copy);
        var list = RoundTrip.Of<System.Collections.IEnumerable>(new List<string> { "a" });
        Assert.Equal(["a"], Assert.IsType<List<string>>(list));
    }

    [Fact]
    public void ReadTypedOfT_ChecksTheType()
    {
        var bytes = Serializer.Serialize<object>(new Person { Name = "x" });
        var reader = new Reader(bytes);
        reader.ReadFieldHeader();
        Assert.Equal("x", PolymorphicCodec.ReadTyped<Person>(ref reader).Name);

        var wrong = new Reader(bytes);
        wrong.ReadFieldHeader();
        try
        {
            PolymorphicCodec.ReadTyped<Dog>(ref wrong);
            Assert.Fail("expected a SerializationException");
        }
        catch (SerializationException)
        {
        }
    }
}
