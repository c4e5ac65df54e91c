using System.Collections.Concurrent;
using System.Text;

namespace FlashSale.Runtime.Serialization;

/// <summary>
/// Writes and reads values whose runtime type differs from the declared one, as <see cref="WireType.TypedObject"/>:
/// the type's alias (length-prefixed UTF-8), then the body written by the runtime type's <see cref="IObjectCodec"/>.
/// Each type's alias bytes and codec are cached, and aliases are looked up without allocating a string.
/// </summary>
public static class PolymorphicCodec
{
    private const int MaxStackAlias = 256;

    private static readonly ConcurrentDictionary<Type, (byte[] Alias, IObjectCodec Codec)> ByType = new();
    private static readonly ConcurrentDictionary<string, IObjectCodec> ByAlias = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, IObjectCodec>.AlternateLookup<ReadOnlySpan<char>> ByAliasSpan =
        ByAlias.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Writes <paramref name="value"/> as a typed object field.</summary>
    public static void WriteTyped(ref Writer writer, uint fieldId, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var type = value.GetType();
        if (!ByType.TryGetValue(type, out var entry))
        {
            entry = CreateWriteEntry(type);
        }

        writer.WriteFieldHeader(fieldId, WireType.TypedObject);
        writer.WriteLengthPrefixed(entry.Alias);
        entry.Codec.WriteBody(ref writer, value);
    }

    /// <summary>Reads a typed object whose <see cref="WireType.TypedObject"/> header was just read.</summary>
    public static object ReadTyped(ref Reader reader)
    {
        var codec = FindCodec(reader.ReadLengthPrefixed());
        return codec.ReadBody(ref reader);
    }

    /// <summary>Reads a typed object and checks that it is a <typeparamref name="T"/> (<see cref="SerializationException"/> otherwise).</summary>
    public static T ReadTyped<T>(ref Reader reader)
    {
        var value = ReadTyped(ref reader);
        if (value is T typed)
        {
            return typed;
        }

        if (value is null && default(T) is null)
        {
            return default!;
        }

        throw new SerializationException($"A value of type '{value?.GetType().FullName ?? "null"}' was read where '{typeof(T).FullName}' is declared.");
    }

    /// <summary>Forgets cached entries (registrations changed).</summary>
    internal static void ClearCaches()
    {
        ByType.Clear();
        ByAlias.Clear();
    }

    private static (byte[] Alias, IObjectCodec Codec) CreateWriteEntry(Type type)
    {
        // Codec first: resolving it loads the generated code that may register the type's alias.
        var codec = CodecRegistry.GetObjectCodec(type);
        var alias = Encoding.UTF8.GetBytes(CodecRegistry.GetAlias(type));
        return ByType.GetOrAdd(type, (alias, codec));
    }

    private static IObjectCodec FindCodec(ReadOnlySpan<byte> alias)
    {
        if (alias.Length <= MaxStackAlias)
        {
            Span<char> chars = stackalloc char[MaxStackAlias];
            if (Encoding.UTF8.TryGetChars(alias, chars, out var length) && ByAliasSpan.TryGetValue(chars[..length], out var cached))
            {
                return cached;
            }
        }

        var name = Encoding.UTF8.GetString(alias);
        var codec = CodecRegistry.GetObjectCodec(CodecRegistry.ResolveAlias(name));
        return ByAlias.GetOrAdd(name, codec);
    }
}
