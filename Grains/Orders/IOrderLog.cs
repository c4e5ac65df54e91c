namespace FlashSale.Grains.Orders;

/// <summary>
/// The order log: where accepted purchases become orders. Durable appends complete only once the order is
/// committed (many orders per round trip); written-behind appends return at once and are committed later, so a
/// crash can lose them. An order is unique per (SKU, buyer, request id): appending a second one returns the first.
/// </summary>
public interface IOrderLog
{
    /// <summary>Commits an order; returns it, or the order already stored for the same (SKU, buyer, request id).</summary>
    ValueTask<Order> AppendAsync(Order order, CancellationToken cancellationToken = default);

    /// <summary>Queues an order to be committed later (fast mode); lost if the silo dies first.</summary>
    void AppendBehind(Order order);

    /// <summary>Commits every written-behind order now.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>The order with this id, or null.</summary>
    Task<Order?> GetAsync(string orderId, CancellationToken cancellationToken = default);

    /// <summary>Committed units of a SKU per (shard, epoch), counting pending and paid orders.</summary>
    Task<IReadOnlyDictionary<(int Shard, long Epoch), int>> CountUnitsAsync(string sku, CancellationToken cancellationToken = default);

    /// <summary>
    /// Units a SKU's shard epochs ever sold, per (shard, epoch), expired orders included: what an epoch sold stays
    /// sold in its account; expiry gives units back separately (<see cref="ExpireAsync"/>), exactly once.
    /// </summary>
    Task<IReadOnlyDictionary<(int Shard, long Epoch), int>> CountAllUnitsAsync(string sku, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pays a pending order created after <paramref name="cutoff"/>; exactly one of a payment and an expiry racing for
    /// the same order wins. A late or expired order is refused; an already paid one stays paid.
    /// </summary>
    Task<PaymentOutcome> PayAsync(string orderId, DateTimeOffset cutoff, CancellationToken cancellationToken = default);

    /// <summary>Expires the pending orders of a SKU created at or before <paramref name="cutoff"/> (at most <paramref name="max"/>); returns those it expired.</summary>
    Task<IReadOnlyList<Order>> ExpireAsync(string sku, DateTimeOffset cutoff, int max, CancellationToken cancellationToken = default);

    /// <summary>Committed units per buyer of a SKU for the buyers of one shard (to restore per-user limits after a crash).</summary>
    Task<IReadOnlyDictionary<string, int>> GetUserUnitsAsync(string sku, int shard, CancellationToken cancellationToken = default);

    /// <summary>
    /// Committed units per buyer of a SKU over the orders taken by any of <paramref name="shards"/>, for the buyers that
    /// <paramref name="includeBuyer"/> accepts; expired orders are not counted. A shard rebuilds its buyers' records with
    /// it after a scale-out or a crash: its lineage (<see cref="ShardRouting.Lineage"/>), filtered by the current routing.
    /// </summary>
    Task<IReadOnlyDictionary<string, int>> GetUserUnitsOverShardsAsync(string sku, IReadOnlyCollection<int> shards, Func<string, bool> includeBuyer, CancellationToken cancellationToken = default);
}
