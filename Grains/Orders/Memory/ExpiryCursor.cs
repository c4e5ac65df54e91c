namespace FlashSale.Grains.Orders.Memory;

/// <summary>
/// Where the expiry of one SKU's unpaid orders resumes in one <see cref="OrderStripe"/>: the in-memory counterpart of
/// the PostgreSQL log's partial index on pending orders by creation time. Every field is read and written under the
/// stripe's lock.
/// </summary>
/// <remarks>
/// Expiry scanned every record of every stripe on each reconciliation tick, under the stripes' locks and in the SKU
/// grain's turn: at a million orders that was milliseconds of commits and refills held up every few seconds, growing
/// with the sale. A stripe appends records in commit order, and a shard stamps an order just before committing it, so
/// a SKU's records arrive almost in creation order. The cursor relies on that:
/// <list type="bullet">
/// <item>Records before <see cref="Next"/> are settled for this SKU (another SKU's, paid, or expired): never looked at again.</item>
/// <item>A pending record created more than <see cref="Slack"/> before the latest one already appended is a straggler
/// (an order written behind, an old order committed again) and is listed in <see cref="Stragglers"/>. Every other
/// record is at most <see cref="Slack"/> older than any record before it, so once a pass meets a pending record
/// created after cutoff + <see cref="Slack"/>, no later record outside the stragglers is due, and the pass stops.</item>
/// </list>
/// A pass therefore visits the records it settles, those created within <see cref="Slack"/> past the cutoff, and the
/// stragglers: not the whole history. Exactness never depends on the slack, only the work done does.
/// </remarks>
internal sealed class ExpiryCursor
{
    /// <summary>How far out of creation order a record may arrive and still be found by the in-order pass.</summary>
    public static readonly long Slack = TimeSpan.FromSeconds(1).Ticks;

    /// <summary>The first record that may still be pending for this SKU.</summary>
    public int Next { get; set; }

    /// <summary>The latest creation time (UTC ticks) among this SKU's records appended so far.</summary>
    public long LatestCreated { get; private set; } = long.MinValue;

    /// <summary>Pending records that arrived more than <see cref="Slack"/> out of creation order; null while there are none.</summary>
    public List<int>? Stragglers { get; private set; }

    /// <summary>Notes a record of this SKU appended at <paramref name="index"/>.</summary>
    public void Appended(int index, long createdUtcTicks, OrderStatus status)
    {
        if (createdUtcTicks >= LatestCreated)
        {
            LatestCreated = createdUtcTicks;
        }
        else if (status == OrderStatus.Pending && createdUtcTicks < LatestCreated - Slack)
        {
            (Stragglers ??= []).Add(index);
        }
    }
}
