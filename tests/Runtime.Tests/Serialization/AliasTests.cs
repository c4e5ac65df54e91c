using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Tests.Serialization;

[Trait("Category", "Unit")]
public sealed class AliasTests
{
    public AliasTests() => TestCodecs.EnsureRegistered();

    [Fact]
    public void GetAlias_BuiltInsAndComposedGenerics_AreShortAndStable()
    {
        Assert.Equal("int", CodecRegistry.GetAlias(typeof(int)));
        Assert.Equal("string", CodecRegistry.GetAlias(typeof(string)));
        Assert.Equal("List`1[int]", CodecRegistry.GetAlias(typeof(List<int>)));
        Assert.Equal("Dictionary`2[string,List`1[int[]]]", CodecRegistry.GetAlias(typeof(Dictionary<string, List<int[]>>)));
        Assert.Equal("byte[]", CodecRegistry.GetAlias(typeof(byte[])));
        Assert.Equal("Tests.Person", CodecRegistry.GetAlias(typeof(Person)));
        Assert.Equal("List`1[Tests.Person][]", CodecRegistry.GetAlias(typeof(List<Person>[])));
        Assert.Equal("Tests.Permissions", CodecRegistry.GetAlias(typeof(Permissions)));
        Assert.Equal(typeof(Color).FullName, CodecRegistry.GetAlias(typeof(Color)));
    }

    [Theory]
    [InlineData(typeof(Dictionary<string, List<int[]>>))]
    [InlineData(typeof((int, string, Person)))]
    [InlineData(typeof(KeyValuePair<Person, List<Person>>[]))]
    [InlineData(typeof(Tuple<int?, Color>))]
    [InlineData(typeof(int[][]))]
    public void ResolveAlias_ParsesWhatGetAliasComposes(Type type) =>
        Assert.Equal(type, CodecRegistry.ResolveAlias(CodecRegistry.GetAlias(type)));

    [Fact]
    public void ResolveAlias_ComposedAliasNeverSeenBefore_IsParsed() =>
        Assert.Equal(typeof(Dictionary<long, HashSet<Guid>>), CodecRegistry.ResolveAlias("Dictionary`2[long,HashSet`1[Guid]]"));

    [Theory]
    [InlineData("No.Such.Type")]
    [InlineData("List`1[")]
    [InlineData("List`1[int")]
    [InlineData("List`1[int,int]")]
    [InlineData("Dictionary`2[int]")]
    [InlineData("List`1[]")]
    [InlineData("int[")]
    [InlineData("[int]")]
    [InlineData("List`1[int]]")]
    [InlineData("Nullable`1[string]")]
    [InlineData("System.Collections.Generic.List`1")]
    [InlineData("System.IO.File")]
    [InlineData("System.IO.FileInfo, System.Runtime")]
    [InlineData("")]
    public void ResolveAlias_UnknownOrMalformed_ThrowsSerializationException(string alias) =>
        Assert.Throws<SerializationException>(() => CodecRegistry.ResolveAlias(alias));

    [Fact]
    public void ResolveAlias_VeryDeepNesting_ThrowsSerializationException()
    {
        var alias = string.Concat(Enumerable.Repeat("List`1[", 40)) + "int" + new string(']', 40);
        Assert.Throws<SerializationException>(() => CodecRegistry.ResolveAlias(alias));
    }

    [Fact]
    public void ResolveAlias_ExceptionsEnumsAndGrainInterfaces_AreFoundByName()
    {
        Assert.Equal(typeof(TimeoutException), CodecRegistry.ResolveAlias("System.TimeoutException"));
        Assert.Equal(typeof(ULongEnum), CodecRegistry.ResolveAlias(typeof(ULongEnum).FullName!));
    }

    [Fact]
    public void ResolveAlias_NeverSeenGrainInterfaceAndAliasedEnum_AreFoundByReflection()
    {
        Assert.Equal(typeof(IUnseenGrain), CodecRegistry.ResolveAlias(typeof(IUnseenGrain).FullName!));
        Assert.Equal(typeof(UnseenEnum), CodecRegistry.ResolveAlias("Tests.UnseenEnum"));
    }

    [Fact]
    public void ResolveAlias_OrdinaryClassByName_IsRefused() =>
        Assert.Throws<SerializationException>(() => CodecRegistry.ResolveAlias(typeof(Money).FullName!));

    [Fact]
    public void OpenGenericRegistration_ClosesOverEachArgument()
    {
        Assert.Equal("Tests.Box`1[int]", CodecRegistry.GetAlias(typeof(Box<int>)));
        Assert.Equal(5, RoundTrip.Of(new Box<int> { Value = 5 }).Value);
        var boxed = Assert.IsType<Box<List<string>>>(RoundTrip.Of<object>(new Box<List<string>> { Value = ["a"] }));
        Assert.Equal(["a"], boxed.Value);
        Assert.Equal(typeof(Box<Guid>), CodecRegistry.ResolveAlias("Tests.Box`1[Guid]"));
    }

    [Fact]
    public void Register_AliasOfAnotherType_Throws() =>
        Assert.Throws<InvalidOperationException>(() => CodecRegistry.Register(typeof(Dog), new DogCodec(), "Tests.Person"));

    [Fact]
    public void Register_CodecOfWrongType_Throws() =>
        Assert.Throws<ArgumentException>(() => CodecRegistry.Register(typeof(Money), new PersonCodec(), "Tests.Money"));
}
