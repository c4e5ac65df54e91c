using System.Threading.Channels;
using FlashSale.Grains.Configuration;
using Microsoft.Extensions.Options;

namespace FlashSale.Grains.Orders;

/// <summary>
/// The order log over an <see cref="InMemoryOrderStore"/>. Durable appends commit at once. Written-behind
/// orders wait in this silo's queue and are committed every <see cref="FlashSaleOptions.WriteBehindPeriod"/>;
/// the queue belongs to the silo, so a killed silo loses what it held (the gap reconciliation reports), while
/// a graceful stop flushes it.
/// </summary>
public sealed class InMemoryOrderLog : IOrderLog, IAsyncDisposable
{
    private readonly InMemoryOrderStore _store;
    // Read by the periodic writer and by FlushAsync (a graceful stop, a test): not single-reader.
    private readonly Channel<Order> _behind = Channel.CreateUnbounded<Order>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;
    private readonly TimeSpan _period;
    private readonly TimeProvider _time;

    /// <summary>Creates the log.</summary>
    public InMemoryOrderLog(InMemoryOrderStore store, IOptions<FlashSaleOptions> options, TimeProvider time)
    {
        _store = store;
        _period = options.Value.WriteBehindPeriod;
        _time = time;
        _writer = Task.Run(WriteBehindLoopAsync);
    }

    /// <inheritdoc />
    public ValueTask<Order> AppendAsync(Order order, CancellationToken cancellationToken = default) => new(_store.Commit(order));

    /// <inheritdoc />
    public void AppendBehind(Order order) => _behind.Writer.TryWrite(order);

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        while (_behind.Reader.TryRead(out var order))
        {
            _store.Commit(order);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<Order?> GetAsync(string orderId, CancellationToken cancellationToken = default) => Task.FromResult(_store.Get(orderId));

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<(int Shard, long Epoch), int>> CountUnitsAsync(string sku, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<(int Shard, long Epoch), int>>(Count(sku, includeExpired: false));

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<(int Shard, long Epoch), int>> CountAllUnitsAsync(string sku, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<(int Shard, long Epoch), int>>(Count(sku, includeExpired: true));

    private Dictionary<(int Shard, long Epoch), int> Count(string sku, bool includeExpired) => _store.CountUnits(sku, includeExpired);

    /// <inheritdoc />
    public Task<PaymentOutcome> PayAsync(string orderId, DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        _store.TryTransition(orderId, OrderStatus.Paid, o => o.CreatedAt > cutoff, out var order);
        return Task.FromResult(order switch
        {
            null => PaymentOutcome.UnknownOrder,
            { Status: OrderStatus.Paid } => PaymentOutcome.Paid,
            _ => PaymentOutcome.Expired,
        });
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Order>> ExpireAsync(string sku, DateTimeOffset cutoff, int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Order>>(_store.Expire(sku, cutoff, max));

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, int>> GetUserUnitsAsync(string sku, int shard, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(_store.UserUnits(sku, s => s == shard));

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, int>> GetUserUnitsOverShardsAsync(string sku, IReadOnlyCollection<int> shards, Func<string, bool> includeBuyer, CancellationToken cancellationToken = default) =>
        Task.FromResult(Filter(_store.UserUnits(sku, shards.Contains), includeBuyer));

    /// <summary>Keeps the buyers <paramref name="includeBuyer"/> accepts (asked once per buyer, not per order).</summary>
    internal static IReadOnlyDictionary<string, int> Filter(Dictionary<string, int> units, Func<string, bool> includeBuyer)
    {
        foreach (var user in units.Keys)
        {
            if (!includeBuyer(user))
            {
                units.Remove(user);
            }
        }

        return units;
    }

    /// <summary>Stops the write-behind loop without committing what is queued (a crash loses it; a graceful stop flushes first).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task WriteBehindLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_period, _time, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await FlushAsync();
        }
    }
}
