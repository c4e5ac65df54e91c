using System.Collections.Concurrent;
using FlashSale.Grains.Hosting;
using FlashSale.Grains.Orders;
using FlashSale.Protection.Configuration;
using FlashSale.Runtime.Hosting;
using FlashSale.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Grains.Tests;

/// <summary>A TestCluster running the flash-sale grains on the memory providers, with one order store shared by all silos (like a database).</summary>
public sealed class SaleCluster : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SkuView> _views = new(StringComparer.Ordinal);

    private SaleCluster(TestCluster cluster, InMemoryOrderStore orders)
    {
        Cluster = cluster;
        Orders = orders;
    }

    public TestCluster Cluster { get; }

    public InMemoryOrderStore Orders { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>
    /// Starts the cluster. Hot-key detection runs with its defaults but does not scale SKUs out by itself, so that a
    /// fast test sale keeps the shard count it configured, unless <paramref name="hotKeys"/> says otherwise.
    /// </summary>
    public static async Task<SaleCluster> StartAsync(short silos = 3, TimeProvider? time = null, TimeSpan? writeBehind = null, string? postgresSchema = null, TimeSpan? paymentWindow = null, Action<HotKeyOptions>? hotKeys = null)
    {
        var orders = new InMemoryOrderStore();
        var builder = new TestClusterBuilder(silos)
            .ConfigureSilos(silo =>
            {
                silo.AddMemoryGrainStorageAsDefault().UseInMemoryReminderService();
                silo.Services.AddSingleton(orders);
                silo.AddFlashSale(o =>
                {
                    o.ShardReportPeriod = TimeSpan.FromMilliseconds(200);
                    o.ReplicaRefreshPeriod = TimeSpan.FromMilliseconds(200);
                    o.ReconciliationPeriod = TimeSpan.FromSeconds(2);
                    o.WriteBehindPeriod = writeBehind ?? TimeSpan.FromMilliseconds(100);
                    o.PaymentWindow = paymentWindow ?? TimeSpan.FromMinutes(15);
                });
                silo.Services.Configure<HotKeyOptions>(o =>
                {
                    o.AutoScaleOut = false;
                    hotKeys?.Invoke(o);
                });
                if (postgresSchema is not null)
                {
                    silo.UsePostgresOrderLog(o =>
                    {
                        o.ConnectionString = PostgresOrderLogTests.ConnectionString;
                        o.Schema = postgresSchema;
                    });
                }
            });
        if (time is not null)
        {
            builder.WithTimeProvider(time);
        }

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new SaleCluster(cluster, orders);
    }

    public static Campaign Campaign(string sku, int stock, int shards = 8, int limit = 2, WriteMode mode = WriteMode.Durable, DateTimeOffset? startsAt = null, DateTimeOffset? endsAt = null) => new()
    {
        Sku = sku,
        Name = $"Product {sku}",
        Price = 9.99m,
        Stock = stock,
        PerUserLimit = limit,
        StartsAt = startsAt ?? DateTimeOffset.UtcNow.AddDays(-1),
        EndsAt = endsAt ?? DateTimeOffset.UtcNow.AddDays(1),
        Shards = shards,
        WriteMode = mode,
    };

    public async Task<SkuView> CreateAsync(Campaign campaign)
    {
        await Client.GetGrain<ISkuGrain>(campaign.Sku).Configure(campaign);
        var view = await Client.GetGrain<ISkuGrain>(campaign.Sku).GetView() ?? throw new InvalidOperationException("no view");
        _views[campaign.Sku] = view;
        return view;
    }

    /// <summary>Routes a purchase the way the gateway does: to the buyer's shard.</summary>
    public Task<PurchaseResult> BuyAsync(string sku, string user, int quantity = 1, string? requestId = null)
    {
        var shards = _views[sku].ShardCount;
        var shard = Client.GetGrain<IStockShardGrain>(ShardRouting.ShardKey(sku, ShardRouting.ShardFor(user, shards)));
        return shard.Purchase(new PurchaseRequest(user, quantity, requestId ?? Guid.NewGuid().ToString("N"))).AsTask();
    }

    /// <summary>Routes a purchase by an explicit shard count (a router whose view is as old or as new as the test wants).</summary>
    public Task<PurchaseResult> BuyRoutedAsync(string sku, int shardCount, string user, int quantity = 1, string? requestId = null)
    {
        var shard = Client.GetGrain<IStockShardGrain>(ShardRouting.ShardKey(sku, ShardRouting.ShardFor(user, shardCount)));
        return shard.Purchase(new PurchaseRequest(user, quantity, requestId ?? Guid.NewGuid().ToString("N"))).AsTask();
    }

    /// <summary>Doubles the SKU's shard count through the SKU grain, as the hot-key aggregator does.</summary>
    public Task<int> ScaleOutAsync(string sku, int expectedShardCount) =>
        Client.GetGrain<ISkuGrain>(sku).ScaleOut(expectedShardCount, CampaignValidation.MaxShards);

    /// <summary>The first user id of the form <paramref name="prefix"/>-n for which <paramref name="accept"/> holds.</summary>
    public static string FindUser(string prefix, Func<string, bool> accept) =>
        Enumerable.Range(0, 100_000).Select(i => $"{prefix}-{i}").First(accept);

    public int UnitsInLog(string sku) => Orders.ForSku(sku).Where(o => o.Status != OrderStatus.Expired).Sum(o => o.Quantity);

    /// <summary>The order log as the silos see it (memory or PostgreSQL).</summary>
    public IOrderLog Log => Cluster.ActiveSilos[0].ServiceProvider.GetRequiredService<IOrderLog>();

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
