namespace FlashSale.Grains.Orders.Memory;

/// <summary>
/// Append-only storage of strings as characters in fixed chunks. Chunks never move once allocated, so a
/// <see cref="TextRef"/> stays valid for the arena's life, and the chunks hold no references for the GC to trace.
/// Appends take the owner's lock; reads of published text need none.
/// </summary>
internal sealed class TextArena
{
    // 16K chars (32 KB): below the large-object threshold, so a chunk is promoted once and then left alone.
    private const int ChunkChars = 16 * 1024;
    private char[][] _chunks = [AllocateChunk(ChunkChars)];
    private int _current;
    private int _used;

    /// <summary>Copies <paramref name="text"/> in (call under the owner's lock).</summary>
    public TextRef Append(string text)
    {
        if (text.Length > ChunkChars - _used)
        {
            NewChunk(Math.Max(ChunkChars, text.Length));
        }

        text.CopyTo(_chunks[_current].AsSpan(_used));
        var reference = new TextRef(_current, _used, text.Length);
        _used += text.Length;
        return reference;
    }

    /// <summary>The characters of <paramref name="reference"/>.</summary>
    public ReadOnlySpan<char> Span(TextRef reference) => Volatile.Read(ref _chunks)[reference.Chunk].AsSpan(reference.Start, reference.Length);

    /// <summary>A new string with the characters of <paramref name="reference"/>.</summary>
    public string String(TextRef reference) => new(Span(reference));

    /// <summary>Whether <paramref name="reference"/> holds exactly <paramref name="text"/>.</summary>
    public bool Equals(TextRef reference, string text) => reference.Length == text.Length && Span(reference).SequenceEqual(text);

    private void NewChunk(int size)
    {
        var chunks = _chunks;
        if (_current + 1 == chunks.Length)
        {
            // Readers may hold the old array: it still names every chunk they can reach.
            var grown = new char[chunks.Length * 2][];
            Array.Copy(chunks, grown, chunks.Length);
            grown[_current + 1] = AllocateChunk(size);
            Volatile.Write(ref _chunks, grown);
        }
        else
        {
            chunks[_current + 1] = AllocateChunk(size);
        }

        _current++;
        _used = 0;
    }

    // Straight into the old generation, like ChunkedList's chunks: text is kept, and young collections skip it.
    private static char[] AllocateChunk(int size) => GC.AllocateUninitializedArray<char>(size, pinned: true);
}
