using System.Globalization;

namespace FlashSale.Runtime;

/// <summary>
/// The identity of a grain: its grain type (the class's type name, e.g. "counter") and its key as a string.
/// Keys are encoded as Orleans does: a long as uppercase hex, a Guid in 'N' format, a string as itself.
/// The string form is "{type}/{key}". The uniform hash is stable across processes (see <see cref="StableHash"/>).
/// Serialized by a built-in codec (it must carry the default id, which no constructor accepts).
/// </summary>
[Immutable]
public readonly struct GrainId : IEquatable<GrainId>, IComparable<GrainId>
{
    /// <summary>Creates a grain id.</summary>
    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(key);
        Type = type;
        Key = key;
        UniformHash = StableHash.Combine(StableHash.Compute(type), StableHash.Compute(key));
    }

    /// <summary>The grain type name.</summary>
    public string Type { get; }

    /// <summary>The encoded key.</summary>
    public string Key { get; }

    /// <summary>A hash that every process computes alike; used for the consistent-hash ring.</summary>
    public uint UniformHash { get; }

    /// <summary>Whether this is the default (empty) id.</summary>
    public bool IsDefault => Type is null;

    /// <summary>Creates the id of a grain with a string key.</summary>
    public static GrainId Create(string type, string key) => new(type, key);

    /// <summary>Creates the id of a grain with a Guid key.</summary>
    public static GrainId Create(string type, Guid key) => new(type, key.ToString("N"));

    /// <summary>Creates the id of a grain with an integer key.</summary>
    public static GrainId Create(string type, long key) => new(type, key.ToString("X", CultureInfo.InvariantCulture));

    /// <summary>Parses "{type}/{key}".</summary>
    public static GrainId Parse(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new FormatException($"'{value}' is not a grain id of the form type/key.");
        }

        return new GrainId(value[..slash], value[(slash + 1)..]);
    }

    /// <summary>The key as a Guid.</summary>
    public Guid GetGuidKey() => Guid.ParseExact(Key, "N");

    /// <summary>The key as an integer.</summary>
    public long GetIntegerKey() => long.Parse(Key, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public bool Equals(GrainId other) => UniformHash == other.UniformHash && string.Equals(Key, other.Key, StringComparison.Ordinal) && string.Equals(Type, other.Type, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GrainId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (int)UniformHash;

    /// <inheritdoc />
    public int CompareTo(GrainId other)
    {
        var c = string.CompareOrdinal(Type, other.Type);
        return c != 0 ? c : string.CompareOrdinal(Key, other.Key);
    }

    /// <inheritdoc />
    public override string ToString() => IsDefault ? "(none)" : $"{Type}/{Key}";

    /// <summary>Equality.</summary>
    public static bool operator ==(GrainId left, GrainId right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(GrainId left, GrainId right) => !left.Equals(right);

    /// <summary>Ordering.</summary>
    public static bool operator <(GrainId left, GrainId right) => left.CompareTo(right) < 0;

    /// <summary>Ordering.</summary>
    public static bool operator >(GrainId left, GrainId right) => left.CompareTo(right) > 0;

    /// <summary>Ordering.</summary>
    public static bool operator <=(GrainId left, GrainId right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering.</summary>
    public static bool operator >=(GrainId left, GrainId right) => left.CompareTo(right) >= 0;
}
