using System.Collections.Concurrent;
using FlashSale.Grains.Orders.Memory;

namespace FlashSale.Grains.Orders;

/// <summary>
/// The committed orders of the memory provider: the embedded default. One store may be shared by the silos
/// of a process (a TestCluster, the demo), so that orders outlive a silo, as they would in a database.
/// </summary>
/// <remarks>
/// Design: a hot sale commits tens of thousands of orders a second and keeps every one. Kept as objects (an
/// <see cref="Order"/>, its strings and two dictionary nodes each), they were promoted through every generation and
/// every insert dirtied a card of a large bucket array: in a one-silo sale the garbage collector paused 15–40 ms per
/// young collection and took a sixth of the run. Here an order is an <see cref="OrderRecord"/> struct in fixed chunks
/// of native memory, its text and the indexes' slots too, so the collector neither traces, copies nor counts what a
/// sale keeps, and nothing per order outlives the commit. Orders are built again (new objects) when read, which is
/// the rare path. Units per (SKU, shard, epoch) are tallied as orders commit and expire, so reconciliation's counts
/// do not scan.
/// <para>
/// Invariants: at most one order per (SKU, buyer, request id): a second commit returns the first. An order id names
/// one order (a later commit under the same id wins, as with the dictionaries this replaced). Records never move and
/// their text never changes; only the status does, under its stripe's lock, and only from pending.
/// </para>
/// <para>
/// Concurrency: 64 stripes by the hash of (SKU, buyer, request id), each with its lock, records and index; a separate
/// striped index maps order ids to (stripe, record). A commit takes its stripe's lock, then its id stripe's lock,
/// never both at once, so commits of different stripes never wait for each other.
/// </para>
/// </remarks>
public sealed class InMemoryOrderStore
{
    private const int StripeBits = 6;
    private readonly OrderStripe[] _stripes = [.. Enumerable.Range(0, 1 << StripeBits).Select(_ => new OrderStripe())];
    private readonly Lock[] _idGates = [.. Enumerable.Range(0, 1 << StripeBits).Select(_ => new Lock())];
    private readonly RecordTable[] _ids = [.. Enumerable.Range(0, 1 << StripeBits).Select(_ => new RecordTable())];
    private readonly ConcurrentDictionary<string, int> _skuIds = new(StringComparer.Ordinal);
    private readonly UnitTally _units = new();
    private readonly Lock _skuGate = new();
    private string[] _skuNames = new string[16];
    private int _skuCount;

    /// <summary>The number of committed orders.</summary>
    public int Count => _stripes.Sum(s => s.Count);

    /// <summary>Every committed order (a snapshot).</summary>
    public IReadOnlyList<Order> All => Collect(sku: -1);

    /// <summary>Commits an order unless one exists for its (SKU, buyer, request id); returns the stored one.</summary>
    public Order Commit(Order order)
    {
        var sku = SkuId(order.Sku);
        var hash = RequestHash(sku, order.UserId, order.RequestId);
        var stripeNo = StripeOf(hash);
        var stripe = _stripes[stripeNo];
        int index;
        lock (stripe.Gate)
        {
            var existing = stripe.FindByRequest(hash, sku, order.UserId, order.RequestId);
            if (existing >= 0)
            {
                return Materialize(stripe, existing);
            }

            index = stripe.Add(ToRecord(stripe.Text, sku, order), hash);
            _units.Add(sku, order.Shard, order.Epoch, order.Quantity, order.Status == OrderStatus.Expired);
        }

        var idHash = order.OrderId.GetHashCode(StringComparison.Ordinal);
        var packed = Pack(stripeNo, index);
        var ids = StripeOf(idHash);
        lock (_idGates[ids])
        {
            if (FindId(ids, idHash, order.OrderId) is var (previous, _) && previous >= 0)
            {
                _ids[ids].Replace(idHash, previous, packed);
            }
            else
            {
                _ids[ids].Add(idHash, packed);
            }
        }

        return order;
    }

    /// <summary>
    /// Moves a pending order to <paramref name="status"/> if <paramref name="allowed"/> says so; true only for the call
    /// that made the change. <paramref name="current"/> is the order as it is afterwards (null when unknown).
    /// </summary>
    public bool TryTransition(string orderId, OrderStatus status, Func<Order, bool> allowed, out Order? current)
    {
        if (!TryLocate(orderId, out var stripe, out var index))
        {
            current = null;
            return false;
        }

        lock (stripe.Gate)
        {
            current = Materialize(stripe, index);
            if (current.Status != OrderStatus.Pending || !allowed(current))
            {
                return false;
            }

            ref var record = ref stripe[index];
            record.Status = status;
            if (status == OrderStatus.Expired)
            {
                _units.Expire(record.Sku, record.Shard, record.Epoch, record.Quantity);
            }

            current = current with { Status = status };
            return true;
        }
    }

    /// <summary>The order with this id, or null.</summary>
    public Order? Get(string orderId)
    {
        if (!TryLocate(orderId, out var stripe, out var index))
        {
            return null;
        }

        lock (stripe.Gate)
        {
            return Materialize(stripe, index);
        }
    }

    /// <summary>The orders of a SKU (a snapshot).</summary>
    public IEnumerable<Order> ForSku(string sku) => _skuIds.TryGetValue(sku, out var id) ? Collect(id) : [];

    /// <summary>Units of a SKU per (shard, epoch), from the running tally (no scan of the orders).</summary>
    internal Dictionary<(int Shard, long Epoch), int> CountUnits(string sku, bool includeExpired) =>
        _skuIds.TryGetValue(sku, out var id) ? _units.For(id, includeExpired) : [];

    /// <summary>Units per buyer of a SKU over the shards <paramref name="shard"/> accepts, expired orders left out.</summary>
    internal Dictionary<string, int> UserUnits(string sku, Func<int, bool> shard)
    {
        var units = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!_skuIds.TryGetValue(sku, out var id))
        {
            return units;
        }

        // A buyer's string is built once, when first seen, not once per order.
        var bySpan = units.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var stripe in _stripes)
        {
            lock (stripe.Gate)
            {
                for (var i = 0; i < stripe.Count; i++)
                {
                    ref var r = ref stripe[i];
                    if (r.Sku == id && r.Status != OrderStatus.Expired && shard(r.Shard))
                    {
                        var user = stripe.Text.Span(r.UserId);
                        bySpan[user] = bySpan.TryGetValue(user, out var owned) ? owned + r.Quantity : r.Quantity;
                    }
                }
            }
        }

        return units;
    }

    /// <summary>Expires up to <paramref name="max"/> pending orders of a SKU created at or before <paramref name="cutoff"/>; returns them.</summary>
    internal List<Order> Expire(string sku, DateTimeOffset cutoff, int max)
    {
        var expired = new List<Order>();
        if (!_skuIds.TryGetValue(sku, out var id))
        {
            return expired;
        }

        var cutoffTicks = cutoff.UtcTicks;
        var due = new List<int>();
        foreach (var stripe in _stripes)
        {
            lock (stripe.Gate)
            {
                due.Clear();
                stripe.ExpireDue(id, cutoffTicks, max - expired.Count, due);
                foreach (var i in due)
                {
                    ref var r = ref stripe[i];
                    _units.Expire(r.Sku, r.Shard, r.Epoch, r.Quantity);
                    expired.Add(Materialize(stripe, i));
                }
            }

            if (expired.Count >= max)
            {
                break;
            }
        }

        return expired;
    }

    private static int RequestHash(int sku, string userId, string requestId) =>
        HashCode.Combine(sku, userId.GetHashCode(StringComparison.Ordinal), requestId.GetHashCode(StringComparison.Ordinal));

    // The high bits pick the stripe; the tables inside probe from the low bits, so a stripe's keys still spread.
    private static int StripeOf(int hash) => (int)((uint)hash >> (32 - StripeBits));

    private static long Pack(int stripe, int index) => ((long)stripe << 32) | (uint)index;

    private static OrderRecord ToRecord(TextArena text, int sku, Order order) => new()
    {
        Sku = sku,
        Shard = order.Shard,
        Epoch = order.Epoch,
        Quantity = order.Quantity,
        Status = order.Status,
        Price = order.Price,
        CreatedAtUtcTicks = order.CreatedAt.UtcTicks,
        OffsetMinutes = (short)order.CreatedAt.Offset.TotalMinutes,
        OrderId = text.Append(order.OrderId),
        UserId = text.Append(order.UserId),
        RequestId = text.Append(order.RequestId),
    };

    private (long Packed, bool Found) FindId(int ids, int idHash, string orderId)
    {
        foreach (var candidate in _ids[ids].Find(idHash))
        {
            var stripe = _stripes[(int)(candidate >> 32)];
            if (stripe.Text.Equals(stripe[(int)candidate].OrderId, orderId))
            {
                return (candidate, true);
            }
        }

        return (-1, false);
    }

    private bool TryLocate(string orderId, out OrderStripe stripe, out int index)
    {
        var idHash = orderId.GetHashCode(StringComparison.Ordinal);
        var ids = StripeOf(idHash);
        (long Packed, bool Found) found;
        lock (_idGates[ids])
        {
            found = FindId(ids, idHash, orderId);
        }

        stripe = found.Found ? _stripes[(int)(found.Packed >> 32)] : _stripes[0];
        index = (int)found.Packed;
        return found.Found;
    }

    private Order Materialize(OrderStripe stripe, int index)
    {
        ref var r = ref stripe[index];
        return new Order
        {
            OrderId = stripe.Text.String(r.OrderId),
            Sku = Volatile.Read(ref _skuNames)[r.Sku],
            UserId = stripe.Text.String(r.UserId),
            Quantity = r.Quantity,
            Price = r.Price,
            CreatedAt = r.CreatedAt,
            RequestId = stripe.Text.String(r.RequestId),
            Shard = r.Shard,
            Epoch = r.Epoch,
            Status = r.Status,
        };
    }

    private List<Order> Collect(int sku)
    {
        var orders = new List<Order>();
        foreach (var stripe in _stripes)
        {
            lock (stripe.Gate)
            {
                for (var i = 0; i < stripe.Count; i++)
                {
                    if (sku < 0 || stripe[i].Sku == sku)
                    {
                        orders.Add(Materialize(stripe, i));
                    }
                }
            }
        }

        return orders;
    }

    private int SkuId(string sku)
    {
        if (_skuIds.TryGetValue(sku, out var id))
        {
            return id;
        }

        lock (_skuGate)
        {
            if (_skuIds.TryGetValue(sku, out id))
            {
                return id;
            }

            id = _skuCount;
            if (id == _skuNames.Length)
            {
                var grown = new string[_skuNames.Length * 2];
                Array.Copy(_skuNames, grown, _skuNames.Length);
                Volatile.Write(ref _skuNames, grown);
            }

            _skuNames[id] = sku;
            _skuCount = id + 1;

            // Published last: a reader that finds the id finds its name.
            _skuIds[sku] = id;
            return id;
        }
    }
}
