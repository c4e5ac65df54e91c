namespace FlashSale.Grains.Orders.Memory;

/// <summary>
/// One lock's share of the in-memory orders: records in fixed chunks, their text, and the index by (SKU, buyer,
/// request id). Writers hold <see cref="Gate"/>; a record's text and identity never change once published, so
/// readers that reached it through an index need the lock only for its status.
/// </summary>
internal sealed class OrderStripe
{
    private readonly RecordTable _byRequest = new();
    private readonly ChunkedList<OrderRecord> _records = new();

    public Lock Gate { get; } = new();

    public TextArena Text { get; } = new();

    /// <summary>Records published so far (safe to read without the lock, then read records below it).</summary>
    public int Count => _records.Count;

    /// <summary>The record at <paramref name="index"/> (below <see cref="Count"/>).</summary>
    public ref OrderRecord this[int index] => ref _records[index];

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
        var index = _records.Add(record);
        _byRequest.Add(requestHash, index);
        return index;
    }
}
