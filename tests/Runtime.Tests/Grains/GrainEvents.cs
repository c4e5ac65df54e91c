using System.Collections.Concurrent;

namespace FlashSale.Runtime.Tests.Grains;

/// <summary>A process-wide log of what test grains did, keyed by grain key so that tests do not see each other.</summary>
public static class GrainEvents
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Events = new();

    public static void Record(string key, string what) => Events.GetOrAdd(key, _ => new ConcurrentQueue<string>()).Enqueue(what);

    public static IReadOnlyList<string> For(string key) => Events.TryGetValue(key, out var q) ? [.. q] : [];

    public static int Count(string key, string what) => For(key).Count(e => e == what);
}
