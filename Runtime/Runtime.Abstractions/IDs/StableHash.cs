using System.Runtime.CompilerServices;
using System.Text;

namespace FlashSale.Runtime;

/// <summary>
/// A hash that is the same in every process and on every machine (unlike <see cref="string.GetHashCode()"/>):
/// grain ids and silo addresses are placed on the consistent-hash ring with it, so all silos must agree.
/// FNV-1a over UTF-8, finished with a murmur-style avalanche so that nearby keys spread over the ring.
/// </summary>
public static class StableHash
{
    /// <summary>Hashes a string's UTF-8 bytes.</summary>
    [SkipLocalsInit]
    public static uint Compute(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max <= 512)
        {
            Span<byte> buffer = stackalloc byte[max];
            var n = Encoding.UTF8.GetBytes(value, buffer);
            return Compute(buffer[..n]);
        }

        return Compute(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Hashes bytes.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var hash = 2166136261u;
        foreach (var b in data)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return Mix(hash);
    }

    /// <summary>Combines two hashes.</summary>
    public static uint Combine(uint first, uint second) => Mix((first * 31) + second);

    private static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }
}
