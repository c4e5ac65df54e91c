using System.Collections.Concurrent;
using System.Text;

namespace FlashSale.Runtime.Networking;

/// <summary>
/// Maps UTF-8 names read from frames (request aliases, interface aliases, grain types) to values without
/// allocating a string for a name seen before: the bytes are decoded into a stack buffer and looked up through
/// the dictionary's span-keyed alternate lookup. Bounded, because names arrive from the network: past
/// <c>capacity</c> entries, new names are resolved on every use instead of being remembered.
/// </summary>
/// <typeparam name="TValue">What a name maps to.</typeparam>
internal sealed class WireNameCache<TValue>
    where TValue : class
{
    private const int MaxStackChars = 512;
    private readonly ConcurrentDictionary<string, TValue> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TValue>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _capacity;
    private int _count;

    /// <summary>Creates a cache of at most <paramref name="capacity"/> names.</summary>
    public WireNameCache(int capacity)
    {
        _capacity = capacity;
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// The value of the name in <paramref name="utf8"/>; on a miss, <paramref name="resolve"/> (which may throw)
    /// computes it from the decoded name and the result is remembered.
    /// </summary>
    public TValue Get(ReadOnlySpan<byte> utf8, Func<string, TValue> resolve)
    {
        if (utf8.Length <= MaxStackChars)
        {
            Span<char> chars = stackalloc char[MaxStackChars];
            var length = Encoding.UTF8.GetChars(utf8, chars);
            if (_lookup.TryGetValue(chars[..length], out var cached))
            {
                return cached;
            }

            return Add(new string(chars[..length]), resolve);
        }

        return Add(Encoding.UTF8.GetString(utf8), resolve);
    }

    private TValue Add(string name, Func<string, TValue> resolve)
    {
        var value = resolve(name);
        if (Volatile.Read(ref _count) < _capacity && _entries.TryAdd(name, value))
        {
            Interlocked.Increment(ref _count);
        }

        return value;
    }
}
