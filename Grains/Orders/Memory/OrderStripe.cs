namespace FlashSale.Grains.Orders.Memory;

/// <summary>
/// One lock's share of the in-memory orders: records in fixed chunks, their text, the index by (SKU, buyer, request
/// id), and per SKU where the expiry of unpaid orders resumes (<see cref="ExpiryCursor"/>). Writers hold
/// <see cref="Gate"/>; a record's text and identity never change once published, so readers that reached it through an
/// index need the lock only for its status.
/// </summary>
internal sealed class OrderStripe
{
    private readonly RecordTable _byRequest = new();
    private readonly ChunkedList<OrderRecord> _records = new();
    private ExpiryCursor?[] _expiry = [];

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
        CursorOf(record.Sku).Appended(index, record.CreatedAtUtcTicks, record.Status);
        return index;
    }

    /// <summary>
    /// Marks expired the pending records of <paramref name="sku"/> created at or before <paramref name="cutoffUtcTicks"/>
    /// (until <paramref name="expired"/> holds <paramref name="max"/>) and adds their indexes to it, under
    /// <see cref="Gate"/>. See <see cref="ExpiryCursor"/> for why this is not a scan of the stripe.
    /// </summary>
    public void ExpireDue(int sku, long cutoffUtcTicks, int max, List<int> expired)
    {
        if (sku >= _expiry.Length || _expiry[sku] is not { } cursor)
        {
            return;
        }

        var count = Count;
        var settled = true;
        for (var i = cursor.Next; i < count && expired.Count < max; i++)
        {
            ref var record = ref this[i];
            if (record.Sku == sku && record.Status == OrderStatus.Pending)
            {
                if (record.CreatedAtUtcTicks > cutoffUtcTicks)
                {
                    if (record.CreatedAtUtcTicks - cutoffUtcTicks > ExpiryCursor.Slack)
                    {
                        break;
                    }

                    settled = false;
                    continue;
                }

                record.Status = OrderStatus.Expired;
                expired.Add(i);
            }

            if (settled)
            {
                cursor.Next = i + 1;
            }
        }

        if (cursor.Stragglers is not { } stragglers)
        {
            return;
        }

        for (var k = stragglers.Count - 1; k >= 0; k--)
        {
            var index = stragglers[k];
            ref var record = ref this[index];
            if (record.Status == OrderStatus.Pending)
            {
                if (record.CreatedAtUtcTicks > cutoffUtcTicks || expired.Count >= max)
                {
                    continue;
                }

                record.Status = OrderStatus.Expired;
                expired.Add(index);
            }

            stragglers[k] = stragglers[^1];
            stragglers.RemoveAt(stragglers.Count - 1);
        }
    }

    private ExpiryCursor CursorOf(int sku)
    {
        if (sku >= _expiry.Length)
        {
            Array.Resize(ref _expiry, Math.Max(sku + 1, _expiry.Length * 2));
        }

        return _expiry[sku] ??= new ExpiryCursor();
    }
}
