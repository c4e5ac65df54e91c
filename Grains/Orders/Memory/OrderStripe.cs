namespace FlashSale.Grains.Orders.Memory;

/// <summary>
/// One lock's share of the in-memory orders: records in fixed chunks, their text, and the index by (SKU, buyer,
/// request id). Writers hold <see cref="Gate"/>; a record's text and identity never change once published, so
/// readers that reached it through an index need the lock only for its status.
/// </summary>
internal sealed class OrderStripe
{
    // 512 records of about 100 bytes: below the large-object threshold.
    private const int ChunkShift = 9;
    private const int ChunkMask = (1 << ChunkShift) - 1;
    private readonly RecordTable _byRequest = new();
    private OrderRecord[][] _chunks = [new OrderRecord[1 << ChunkShift]];
    private int _count;

    public Lock Gate { get; } = new();

    public TextArena Text { get; } = new();

    /// <summary>Records published so far (safe to read without the lock, then read records below it).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The record at <paramref name="index"/> (below <see cref="Count"/>).</summary>
    public ref OrderRecord this[int index] => ref Volatile.Read(ref _chunks)[index >> ChunkShift][index & ChunkMask];

    /// <summary>The record of this (SKU, buyer, request id), or -1 (under <see cref="Gate"/>).</summary>
    public int FindByRequest(int hash, int sku, string userId, string requestId)
    {
        foreach (var candidate in _byRequest.Find(hash))
        {
            ref var record = ref this[(int)candidate];
            if (record.Sku == sku && Text.Equals(record.UserId, userId) && Text.Equals(record.RequestId, requestId))
            {
                return (int)candidate;
            }
        }

        return -1;
    }

    /// <summary>Appends a record and indexes it by its request (under <see cref="Gate"/>); returns its index.</summary>
    public int Add(in OrderRecord record, int requestHash)
    {
        var index = _count;
        var chunks = _chunks;
        if ((index >> ChunkShift) == chunks.Length)
        {
            var grown = new OrderRecord[chunks.Length * 2][];
            Array.Copy(chunks, grown, chunks.Length);
            chunks = grown;
            Volatile.Write(ref _chunks, grown);
        }

        chunks[index >> ChunkShift] ??= new OrderRecord[1 << ChunkShift];
        chunks[index >> ChunkShift][index & ChunkMask] = record;
        _byRequest.Add(requestHash, index);
        Volatile.Write(ref _count, index + 1);
        return index;
    }
}
