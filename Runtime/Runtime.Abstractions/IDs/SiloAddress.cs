using System.Globalization;
using System.Net;

namespace FlashSale.Runtime;

/// <summary>
/// A silo's identity: its endpoint and a generation (the start time), so that a silo restarted on the same
/// endpoint is a new identity and a dead entry never comes back to life. String form: "S{ip}:{port}:{generation}".
/// </summary>
[GenerateSerializer, Immutable]
public sealed class SiloAddress : IEquatable<SiloAddress>, IComparable<SiloAddress>
{
    private static int s_lastGeneration;
    private readonly string _text;

    /// <summary>Creates a silo address.</summary>
    public SiloAddress(IPEndPoint endpoint, int generation)
    {
        Endpoint = endpoint;
        Generation = generation;
        _text = string.Create(CultureInfo.InvariantCulture, $"S{endpoint.Address}:{endpoint.Port}:{generation}");
        ConsistentHash = StableHash.Compute(_text);
    }

    /// <summary>The silo-to-silo endpoint.</summary>
    [Id(0)]
    public IPEndPoint Endpoint { get; }

    /// <summary>The generation, distinct for each start on the same endpoint.</summary>
    [Id(1)]
    public int Generation { get; }

    /// <summary>The silo's point on the consistent-hash ring.</summary>
    public uint ConsistentHash { get; }

    /// <summary>
    /// A generation from the current time, as Orleans computes it (seconds since 2022-01-01), made strictly
    /// increasing within the process so that silos started in the same second differ.
    /// </summary>
    public static int NewGeneration(TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var candidate = (int)(now - new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds;
        while (true)
        {
            var last = Volatile.Read(ref s_lastGeneration);
            var next = Math.Max(candidate, last + 1);
            if (Interlocked.CompareExchange(ref s_lastGeneration, next, last) == last)
            {
                return next;
            }
        }
    }

    /// <summary>Parses the string form "S{ip}:{port}:{generation}".</summary>
    public static SiloAddress Parse(string value)
    {
        var text = value.StartsWith('S') ? value[1..] : value;
        var last = text.LastIndexOf(':');
        var portSep = text.LastIndexOf(':', last - 1);
        if (last <= 0 || portSep <= 0)
        {
            throw new FormatException($"'{value}' is not a silo address of the form S{{ip}}:{{port}}:{{generation}}.");
        }

        var ip = IPAddress.Parse(text[..portSep].Trim('[', ']'));
        var port = int.Parse(text[(portSep + 1)..last], CultureInfo.InvariantCulture);
        var generation = int.Parse(text[(last + 1)..], CultureInfo.InvariantCulture);
        return new SiloAddress(new IPEndPoint(ip, port), generation);
    }

    /// <summary>Whether both addresses name the same endpoint, whatever the generation.</summary>
    public bool IsSameEndpoint(SiloAddress other) => Endpoint.Equals(other.Endpoint);

    /// <inheritdoc />
    public bool Equals(SiloAddress? other) => other is not null && Generation == other.Generation && Endpoint.Equals(other.Endpoint);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SiloAddress);

    /// <inheritdoc />
    public override int GetHashCode() => (int)ConsistentHash;

    /// <inheritdoc />
    public int CompareTo(SiloAddress? other) => other is null ? 1 : string.CompareOrdinal(_text, other._text);

    /// <inheritdoc />
    public override string ToString() => _text;

    /// <summary>Equality.</summary>
    public static bool operator ==(SiloAddress? left, SiloAddress? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(SiloAddress? left, SiloAddress? right) => !(left == right);
}
