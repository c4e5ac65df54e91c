using System.Collections.Immutable;
using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Tests.Serialization;

[Trait("Category", "Unit")]
public sealed class CollectionCodecTests
{
    [Fact]
    public void List_EmptyAndNull_RoundTrip()
    {
        Assert.Empty(RoundTrip.Of(new List<int>()));
        Assert.Null(RoundTrip.Of<List<int>>(null!));
    }

    [Fact]
    public void List_Values_RoundTrip()
    {
        var list = new List<int> { 1, -1, int.MaxValue, int.MinValue, 0 };
        Assert.Equal(list, RoundTrip.Of(list));
    }

    [Fact]
    public void List_NullElements_RoundTrip()
    {
        var list = new List<string?> { "a", null, "", null };
        Assert.Equal(list, RoundTrip.Of(list));
    }

    [Fact]
    public void List_Nested_RoundTrips()
    {
        var nested = new List<List<string>> { new() { "a", "b" }, new(), null!, new() { "c" } };
        var copy = RoundTrip.Of(nested);
        Assert.Equal(4, copy.Count);
        Assert.Equal(["a", "b"], copy[0]);
        Assert.Empty(copy[1]);
        Assert.Null(copy[2]);
        Assert.Equal(["c"], copy[3]);
    }

    [Fact]
    public void List_Large_RoundTrips()
    {
        var list = new List<long>();
        for (var i = 0; i < 100_000; i++)
        {
            list.Add(i * 1_000_003L);
        }

        Assert.Equal(list, RoundTrip.Of(list));
    }

    [Fact]
    public void Array_RoundTrips()
    {
        int[] numbers = [1, 2, 3];
        Assert.Equal(numbers, RoundTrip.Of(numbers));
        Assert.Empty(RoundTrip.Of(Array.Empty<string>()));
        string?[] strings = ["x", null];
        Assert.Equal(strings, RoundTrip.Of(strings));
        Assert.Null(RoundTrip.Of<int[]>(null!));
    }

    [Fact]
    public void JaggedArray_RoundTrips()
    {
        int[][] value = [[1], [], [2, 3]];
        var copy = RoundTrip.Of(value);
        Assert.Equal(value.Length, copy.Length);
        for (var i = 0; i < value.Length; i++)
        {
            Assert.Equal(value[i], copy[i]);
        }
    }

    [Fact]
    public void HashSet_RoundTrips()
    {
        var set = new HashSet<string> { "a", "b", "c" };
        Assert.True(set.SetEquals(RoundTrip.Of(set)));
    }

    [Fact]
    public void Queue_RoundTripsInOrder()
    {
        var queue = new Queue<int>([1, 2, 3]);
        Assert.Equal([1, 2, 3], RoundTrip.Of(queue));
    }

    [Fact]
    public void Stack_RoundTripsInOrder()
    {
        var stack = new Stack<int>();
        stack.Push(1);
        stack.Push(2);
        stack.Push(3);
        var copy = RoundTrip.Of(stack);
        Assert.Equal(3, copy.Pop());
        Assert.Equal(2, copy.Pop());
        Assert.Equal(1, copy.Pop());
    }

    [Fact]
    public void ImmutableArray_RoundTripsIncludingDefault()
    {
        Assert.Equal<int>([1, 2], RoundTrip.Of(ImmutableArray.Create(1, 2)));
        Assert.True(RoundTrip.Of(default(ImmutableArray<int>)).IsDefault);
        Assert.True(RoundTrip.Of(ImmutableArray<string>.Empty).IsEmpty);
    }

    [Fact]
    public void Dictionary_RoundTrips()
    {
        var dictionary = new Dictionary<string, int> { ["one"] = 1, ["two"] = 2, [""] = 0 };
        Assert.Equal(dictionary, RoundTrip.Of(dictionary));
        Assert.Empty(RoundTrip.Of(new Dictionary<int, int>()));
    }

    [Fact]
    public void Dictionary_NestedValuesAndNulls_RoundTrip()
    {
        var dictionary = new Dictionary<int, List<string>?> { [1] = ["a"], [2] = null, [3] = [] };
        var copy = RoundTrip.Of(dictionary);
        Assert.Equal(["a"], copy[1]);
        Assert.Null(copy[2]);
        Assert.Empty(copy[3]!);
    }

    [Fact]
    public void KeyValuePair_RoundTrips() =>
        Assert.Equal(new KeyValuePair<string, int>("k", 5), RoundTrip.Of(new KeyValuePair<string, int>("k", 5)));

    [Fact]
    public void EnumerableInterface_LazySequence_ReadsBackAsList()
    {
        var copy = RoundTrip.Of(Numbers(5));
        Assert.IsType<List<int>>(copy);
        Assert.Equal([0, 1, 2, 3, 4], copy);
    }

    [Fact]
    public void CollectionInterfaces_RoundTripElements()
    {
        int[] pair = [1, 2];
        Assert.Equal([1, 2], RoundTrip.Of<IReadOnlyList<int>>(pair));
        Assert.Equal([1, 2], RoundTrip.Of<IList<int>>(new List<int> { 1, 2 }));
        Assert.Equal(["a"], RoundTrip.Of<ICollection<string>>(new HashSet<string> { "a" }));
        Assert.Equal([7], RoundTrip.Of<IReadOnlyCollection<int>>(ImmutableArray.Create(7)));
        Assert.Null(RoundTrip.Of<IEnumerable<int>>(null!));
    }

    [Fact]
    public void DictionaryInterfaces_RoundTripIntoDictionary()
    {
        var copy = RoundTrip.Of<IReadOnlyDictionary<string, int>>(ImmutableDictionary<string, int>.Empty.Add("a", 1));
        Assert.IsType<Dictionary<string, int>>(copy);
        Assert.Equal(1, copy["a"]);
        var mutable = RoundTrip.Of<IDictionary<int, string>>(new SortedDictionary<int, string> { [2] = "b", [1] = "a" });
        Assert.Equal("a", mutable[1]);
        Assert.Equal("b", mutable[2]);
    }

    [Fact]
    public void Collections_ShareOneLayout_SoAListReadsAsAnArray()
    {
        var bytes = Serializer.Serialize(new List<int> { 4, 5 });
        Assert.Equal([4, 5], Serializer.Deserialize<int[]>(bytes));
        Assert.Equal([4, 5], Serializer.Deserialize<HashSet<int>>(bytes));
    }

    private static IEnumerable<int> Numbers(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return i;
        }
    }
}
