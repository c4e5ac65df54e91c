using System.Collections.Immutable;
using System.Net;
using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Tests.Serialization;

[Trait("Category", "Unit")]
public sealed class CopierTests
{
    public CopierTests() => TestCodecs.EnsureRegistered();

    [Fact]
    public void DeepCopy_ImmutableTypes_ReturnsSameInstance()
    {
        var text = new string('a', 10);
        Assert.Same(text, Copier<string>.DeepCopy(text));
        var uri = new Uri("https://example.com");
        Assert.Same(uri, Copier<Uri>.DeepCopy(uri));
        var version = new Version(1, 2);
        Assert.Same(version, Copier<Version>.DeepCopy(version));
        var address = IPAddress.Parse("10.0.0.1");
        Assert.Same(address, Copier<IPAddress>.DeepCopy(address));
        var money = new Money(5m);
        Assert.Same(money, Copier<Money>.DeepCopy(money));
        var silo = new SiloAddress(new IPEndPoint(IPAddress.Loopback, 1), 1);
        Assert.Same(silo, Copier<SiloAddress>.DeepCopy(silo));
        var tuple = Tuple.Create("a", 1);
        Assert.Same(tuple, Copier<Tuple<string, int>>.DeepCopy(tuple));
    }

    [Fact]
    public void DeepCopy_ImmutableRuntimeTypeBehindObject_ReturnsSameInstance()
    {
        object text = "shared";
        Assert.Same(text, Copier<object>.DeepCopy(text));
        object money = new Money(1m);
        Assert.Same(money, Copier<object>.DeepCopy(money));
    }

    [Fact]
    public void DeepCopy_ValueTypes_ReturnEqualValues()
    {
        Assert.Equal(42, Copier<int>.DeepCopy(42));
        Assert.Equal(Color.Blue, Copier<Color>.DeepCopy(Color.Blue));
        var id = GrainId.Create("g", "k");
        Assert.Equal(id, Copier<GrainId>.DeepCopy(id));
        Assert.Equal((1, "a"), Copier<(int, string)>.DeepCopy((1, "a")));
    }

    [Fact]
    public void IsShallowCopyable_FollowsTheRules()
    {
        Assert.True(CodecRegistry.IsShallowCopyable(typeof(KeyValuePair<string, int>)));
        Assert.True(CodecRegistry.IsShallowCopyable(typeof((int, Guid, DateTime))));
        Assert.True(CodecRegistry.IsShallowCopyable(typeof(int?)));
        Assert.True(CodecRegistry.IsShallowCopyable(typeof(ImmutableArray<string>)));
        Assert.True(CodecRegistry.IsShallowCopyable(typeof(ITestGrain)));
        Assert.True(CodecRegistry.IsShallowCopyable(typeof(Money)));
        Assert.False(CodecRegistry.IsShallowCopyable(typeof((int, List<int>))));
        Assert.False(CodecRegistry.IsShallowCopyable(typeof(List<int>)));
        Assert.False(CodecRegistry.IsShallowCopyable(typeof(int[])));
        Assert.False(CodecRegistry.IsShallowCopyable(typeof(object)));
        Assert.False(CodecRegistry.IsShallowCopyable(typeof(Person)));
    }

    [Fact]
    public void DeepCopy_List_ReturnsDistinctEqualCopy()
    {
        var list = new List<int> { 1, 2, 3 };
        var copy = Copier<List<int>>.DeepCopy(list);
        Assert.NotSame(list, copy);
        Assert.Equal(list, copy);
        copy.Add(4);
        Assert.Equal(3, list.Count);
    }

    [Fact]
    public void DeepCopy_NestedCollections_CopiesEveryLevel()
    {
        var inner = new List<string> { "a" };
        var outer = new Dictionary<string, List<string>> { ["k"] = inner };
        var copy = Copier<Dictionary<string, List<string>>>.DeepCopy(outer);
        Assert.NotSame(outer, copy);
        Assert.NotSame(inner, copy["k"]);
        Assert.Equal(inner, copy["k"]);
    }

    [Fact]
    public void DeepCopy_RegisteredClass_ReturnsDistinctEqualCopy()
    {
        var person = new Person { Name = "Ada", Age = 36 };
        var copy = Copier<Person>.DeepCopy(person);
        Assert.NotSame(person, copy);
        Assert.Equal("Ada", copy.Name);
        Assert.Equal(36, copy.Age);
    }

    [Fact]
    public void DeepCopy_Null_StaysNull()
    {
        Assert.Null(Copier<List<int>>.DeepCopy(null!));
        Assert.Null(Copier<object>.DeepCopy(null!));
        Assert.Null(Copier<int?>.DeepCopy(null));
    }

    [Fact]
    public void DeepCopy_GrainReferences_AreKeptWithoutARuntime()
    {
        var runtime = new FakeGrainRuntime();
        var first = new TestGrainProxy(runtime, GrainId.Create("test", "a"), typeof(ITestGrain));
        var second = new TestGrainProxy(runtime, GrainId.Create("test", "b"), typeof(ITestGrain));
        Assert.Same(first, Copier<ITestGrain>.DeepCopy(first));

        var list = new List<ITestGrain> { first, second, first };
        var copy = Copier<List<ITestGrain>>.DeepCopy(list);
        Assert.NotSame(list, copy);
        Assert.Same(first, copy[0]);
        Assert.Same(second, copy[1]);
        Assert.Same(first, copy[2]);

        var boxed = Copier<List<object>>.DeepCopy([first]);
        Assert.Same(first, boxed[0]);
        Assert.Equal(0, runtime.CreatedReferences);
    }

    [Fact]
    public void DeepCopy_ManyThreads_DoNotInterfere()
    {
        Parallel.For(0, 2_000, i =>
        {
            var list = new List<string> { i.ToString(System.Globalization.CultureInfo.InvariantCulture), "x" };
            var copy = Copier<List<string>>.DeepCopy(list);
            Assert.Equal(list, copy);
        });
    }
}
