using System.Collections.Concurrent;

namespace FlashSale.Grains.Orders;

/// <summary>
/// The committed orders of the memory provider: the embedded default. One store may be shared by the silos
/// of a process (a TestCluster, the demo), so that orders outlive a silo, as they would in a database.
/// </summary>
public sealed class InMemoryOrderStore
{
    // Many shards commit at once: the default of one lock per core (two here) made them queue on the locks.
    private const int Stripes = 64;
    private readonly ConcurrentDictionary<string, Order> _byId = new(Stripes, 1024, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Sku, string User, string Request), Order> _byRequest = new(Stripes, 1024);
    private readonly Lock _statusLock = new();

    /// <summary>The number of committed orders.</summary>
    public int Count => _byId.Count;

    /// <summary>Every committed order (a snapshot).</summary>
    public IReadOnlyList<Order> All => [.. _byId.Values];

    /// <summary>Commits an order unless one exists for its (SKU, buyer, request id); returns the stored one.</summary>
    public Order Commit(Order order)
    {
        var stored = _byRequest.GetOrAdd((order.Sku, order.UserId, order.RequestId), order);
        if (ReferenceEquals(stored, order))
        {
            _byId[order.OrderId] = order;
        }

        return stored;
    }

    /// <summary>
    /// Moves a pending order to <paramref name="status"/> if <paramref name="allowed"/> says so; true only for the call
    /// that made the change. <paramref name="current"/> is the order as it is afterwards (null when unknown).
    /// </summary>
    public bool TryTransition(string orderId, OrderStatus status, Func<Order, bool> allowed, out Order? current)
    {
        lock (_statusLock)
        {
            if (!_byId.TryGetValue(orderId, out current))
            {
                return false;
            }

            if (current.Status != OrderStatus.Pending || !allowed(current))
            {
                return false;
            }

            current = current with { Status = status };
            _byId[orderId] = current;
            _byRequest[(current.Sku, current.UserId, current.RequestId)] = current;
            return true;
        }
    }

    /// <summary>The order with this id, or null.</summary>
    public Order? Get(string orderId) => _byId.GetValueOrDefault(orderId);

    /// <summary>The orders of a SKU.</summary>
    public IEnumerable<Order> ForSku(string sku) => _byId.Values.Where(o => string.Equals(o.Sku, sku, StringComparison.Ordinal));
}
