namespace FlashSale.Grains.Orders.Memory;

/// <summary>
/// An append-only list of structs in fixed chunks: growing never copies the items (a <see cref="List{T}"/> of a
/// hot shard's answers re-allocated megabytes on the large-object heap at every doubling). One writer at a time (the
/// owner's lock or turn); readers may run beside it and read any index below <see cref="Count"/>, because chunks never
/// move and the count is published after the item.
/// </summary>
internal sealed class ChunkedList<T>
    where T : unmanaged
{
    // 256 items of up to about 100 bytes: below the large-object threshold.
    private const int ChunkShift = 8;
    private const int ChunkMask = (1 << ChunkShift) - 1;
    private T[][] _chunks = [NewChunk()];
    private int _count;

    /// <summary>Items published so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The item at <paramref name="index"/> (below <see cref="Count"/>).</summary>
    public ref T this[int index] => ref Volatile.Read(ref _chunks)[index >> ChunkShift][index & ChunkMask];

    /// <summary>Appends <paramref name="item"/>; returns its index.</summary>
    public int Add(in T item)
    {
        var index = _count;
        var chunks = _chunks;
        if ((index >> ChunkShift) == chunks.Length)
        {
            // Readers may hold the old array: it still names every chunk they can reach.
            var grown = new T[chunks.Length * 2][];
            Array.Copy(chunks, grown, chunks.Length);
            chunks = grown;
            Volatile.Write(ref _chunks, grown);
        }

        (chunks[index >> ChunkShift] ??= NewChunk())[index & ChunkMask] = item;
        Volatile.Write(ref _count, index + 1);
        return index;
    }

    // Kept data, never garbage: on the pinned-object heap a chunk is allocated straight into the old generation, where
    // a young collection neither scans nor copies it (in gen0 each chunk was copied twice on its way to gen2, which was
    // most of what a young collection did during a sale).
    private static T[] NewChunk() => GC.AllocateArray<T>(1 << ChunkShift, pinned: true);
}
