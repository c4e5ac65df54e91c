namespace FlashSale.Grains.Orders.Memory;

/// <summary>
/// An append-only list of structs in fixed chunks of native memory (<see cref="NativeChunks"/>): growing never copies
/// the items, and the collector never scans, copies or counts them. One writer at a time (the owner's lock or turn);
/// readers may run beside it and read any index below <see cref="Count"/>, because chunks never move and the count is
/// published after the item.
/// </summary>
internal sealed unsafe class ChunkedList<T>
    where T : unmanaged
{
    private const int ChunkShift = 8;
    private const int ChunkMask = (1 << ChunkShift) - 1;
    private readonly NativeChunks _chunks = new();
    private int _count;

    /// <summary>Items published so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The item at <paramref name="index"/> (below <see cref="Count"/>).</summary>
    public ref T this[int index] => ref ((T*)_chunks[index >> ChunkShift])[index & ChunkMask];

    /// <summary>Appends <paramref name="item"/>; returns its index.</summary>
    public int Add(in T item)
    {
        var index = _count;
        var chunk = (index & ChunkMask) == 0
            ? (T*)_chunks.Allocate(index >> ChunkShift, (nuint)(sizeof(T) << ChunkShift))
            : (T*)_chunks[index >> ChunkShift];
        chunk[index & ChunkMask] = item;
        Volatile.Write(ref _count, index + 1);
        return index;
    }
}
