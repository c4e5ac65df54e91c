namespace FlashSale.Grains.Orders.Memory;

/// <summary>
/// An append-only list of structs in fixed chunks: growing never copies the items (a <see cref="List{T}"/> of a
/// hot shard's answers re-allocated megabytes on the large-object heap at every doubling). Single-threaded.
/// </summary>
internal sealed class ChunkedList<T>
    where T : struct
{
    private const int ChunkShift = 8;
    private const int ChunkMask = (1 << ChunkShift) - 1;
    private T[][] _chunks = [new T[1 << ChunkShift]];

    public int Count { get; private set; }

    /// <summary>The item at <paramref name="index"/> (below <see cref="Count"/>).</summary>
    public ref T this[int index] => ref _chunks[index >> ChunkShift][index & ChunkMask];

    /// <summary>Appends <paramref name="item"/>; returns its index.</summary>
    public int Add(in T item)
    {
        var index = Count;
        if ((index >> ChunkShift) == _chunks.Length)
        {
            Array.Resize(ref _chunks, _chunks.Length * 2);
        }

        (_chunks[index >> ChunkShift] ??= new T[1 << ChunkShift])[index & ChunkMask] = item;
        Count = index + 1;
        return index;
    }
}
