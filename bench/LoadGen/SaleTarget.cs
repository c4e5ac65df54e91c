using FlashSale.Client.Api.Infrastructure;
using FlashSale.Grains;
using FlashSale.Grains.Orders;
using FlashSale.Runtime;

namespace FlashSale.LoadGen;

/// <summary>One hot SKU: its campaign, the purchase call through the cluster client, and the correctness read-back.</summary>
/// <remarks>
/// Routes as the gateway does: the SKU's view is read again every <see cref="ViewRefresh"/> and the shard references
/// are built once (<see cref="ShardProxies"/>). The SKU is hot, so the silo doubles its shards during the warm-up; a
/// client that kept the first count sent every other buyer to a shard that forwards it, an extra grain call each.
/// </remarks>
internal sealed class SaleTarget(IClusterClient client, string sku, int stock, int shards, WriteMode mode) : IAsyncDisposable
{
    public const int PerUserLimit = 1;
    private static readonly TimeSpan ViewRefresh = TimeSpan.FromMilliseconds(250);
    private readonly string _run = Guid.NewGuid().ToString("N")[..6];
    private readonly ShardProxies _proxies = new(client);
    private readonly CancellationTokenSource _stop = new();
    private SkuView _view = null!;
    private Task _refresh = Task.CompletedTask;
    private int _shardCount;

    public string Sku => sku;

    public async Task ConfigureAsync()
    {
        await client.GetGrain<ISkuGrain>(sku).Configure(new Campaign
        {
            Sku = sku,
            Name = sku,
            Price = 1m,
            Stock = stock,
            PerUserLimit = PerUserLimit,
            StartsAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            EndsAt = DateTimeOffset.UtcNow.AddHours(1),
            Shards = shards,
            WriteMode = mode,
        });
        _view = await client.GetGrain<ISkuGrain>(sku).GetView() ?? throw new InvalidOperationException($"SKU {sku} has no view");
        _shardCount = _view.ShardCount;
        _refresh = RefreshAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _refresh;
        _stop.Dispose();
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ViewRefresh);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (await client.GetGrain<ISkuGrain>(sku).GetView() is { } view)
                {
                    Volatile.Write(ref _view, view);
                    _shardCount = Math.Max(_shardCount, view.ShardCount);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The buyer of request <paramref name="sequence"/>: a new buyer per request, so none hits the per-user limit.</summary>
    public string UserFor(long sequence) => $"u{_run}-{sequence}";

    public async ValueTask<CallOutcome> PurchaseAsync(long sequence)
    {
        var user = UserFor(sequence);
        var result = await _proxies.For(Volatile.Read(ref _view), user).Purchase(new PurchaseRequest(user, 1, "r"));
        return result.Outcome == PurchaseOutcome.Purchased ? CallOutcome.Accepted : CallOutcome.Rejected;
    }

    /// <summary>Sold units from the order log, oversold against the stock, and buyers over the per-user limit.</summary>
    public async Task<(long Sold, long Oversold, long Duplicates)> ReadBackAsync(IOrderLog orders)
    {
        // Not orders.FlushAsync(): the in-memory log's write-behind channel is single-reader, and flushing from here
        // races its writer loop. Wait instead until the written-behind orders settle (bounded: 10 s).
        long sold = -1;
        for (var i = 0; i < 50; i++)
        {
            var now = (await orders.CountUnitsAsync(sku)).Values.Sum(v => (long)v);
            if (now == sold)
            {
                break;
            }

            sold = now;
            await Task.Delay(200);
        }

        // Per buyer over every shard: a hot SKU's shard count may double during the run, moving buyers between shards.
        var ledger = await client.GetGrain<ISkuGrain>(sku).GetLedger();
        var shardCount = Math.Max(_shardCount, ledger is null || ledger.Shards.Count == 0 ? 0 : ledger.Shards.Max(s => s.Index) + 1);
        long duplicates = (await orders.GetUserUnitsOverShardsAsync(sku, [.. Enumerable.Range(0, shardCount)], _ => true)).Values.Count(units => units > PerUserLimit);

        return (sold, Math.Max(0, sold - stock), duplicates);
    }
}
