namespace FlashSale.Grains.Orders.Memory;

/// <summary>
/// Append-only storage of strings as characters in fixed chunks of native memory (<see cref="NativeChunks"/>). Chunks
/// never move once allocated, so a <see cref="TextRef"/> stays valid for the arena's life, and the collector never
/// sees the text. Appends take the owner's lock; reads of published text need none.
/// </summary>
internal sealed unsafe class TextArena
{
    private const int ChunkChars = 16 * 1024;
    private readonly NativeChunks _chunks = new();
    private int _current = -1;
    private int _capacity;
    private int _used;

    /// <summary>Copies <paramref name="text"/> in (call under the owner's lock).</summary>
    public TextRef Append(string text)
    {
        if (text.Length == 0)
        {
            return default;
        }

        if (text.Length > _capacity - _used)
        {
            // Allocated before the state moves on, so a failed allocation leaves the arena as it was.
            var capacity = Math.Max(ChunkChars, text.Length);
            _chunks.Allocate(_current + 1, (nuint)capacity * sizeof(char));
            _current++;
            _capacity = capacity;
            _used = 0;
        }

        text.CopyTo(new Span<char>((char*)_chunks[_current] + _used, text.Length));
        var reference = new TextRef(_current, _used, text.Length);
        _used += text.Length;
        return reference;
    }

    /// <summary>The characters of <paramref name="reference"/>.</summary>
    public ReadOnlySpan<char> Span(TextRef reference) =>
        reference.Length == 0 ? default : new ReadOnlySpan<char>((char*)_chunks[reference.Chunk] + reference.Start, reference.Length);

    /// <summary>A new string with the characters of <paramref name="reference"/>.</summary>
    public string String(TextRef reference) => new(Span(reference));

    /// <summary>Whether <paramref name="reference"/> holds exactly <paramref name="text"/>.</summary>
    public bool Equals(TextRef reference, string text) => reference.Length == text.Length && Span(reference).SequenceEqual(text);
}
