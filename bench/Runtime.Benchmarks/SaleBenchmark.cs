using System.Globalization;
using System.Net.Http.Json;
using FlashSale.Client.Api.Hosting;
using FlashSale.Grains;
using FlashSale.Grains.Hosting;
using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Benchmarks;

/// <summary>
/// One hot SKU, 64 concurrent buyers, every attempt a new buyer (so none is refused by the per-user limit and
/// the stock never runs out during the run): purchases per second through the cluster client in durable mode
/// over the in-memory order log and in fast mode, and through HTTP (the gateway plus one silo).
/// </summary>
internal static class SaleBenchmark
{
    private const int Buyers = 64;

    public static async Task RunAsync(int seconds, bool write)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        var warmup = TimeSpan.FromSeconds(Math.Max(1, seconds / 2));
        var (silo, clientHost, gatewayPort) = await StartAsync("sale-bench", postgres: null);
        var client = clientHost.Services.GetRequiredService<IClusterClient>();
        var results = new List<ScenarioResult>
        {
            await ThroughClientAsync(client, "durable", "memory", WriteMode.Durable, warmup, duration),
            await ThroughClientAsync(client, "fast", "memory", WriteMode.Fast, warmup, duration),
        };
        results.Add(await ThroughHttpAsync(client, gatewayPort, warmup, duration));
        await clientHost.StopAsync();
        await silo.StopAsync();
        clientHost.Dispose();
        silo.Dispose();

        if (Environment.GetEnvironmentVariable("FLASHSALE_POSTGRES") is { Length: > 0 } postgres)
        {
            var (pgSilo, pgClient, _) = await StartAsync("sale-bench-pg", postgres);
            results.Add(await ThroughClientAsync(pgClient.Services.GetRequiredService<IClusterClient>(), "durable", "PostgreSQL", WriteMode.Durable, warmup, duration));
            await pgClient.StopAsync();
            await pgSilo.StopAsync();
            pgClient.Dispose();
            pgSilo.Dispose();
        }
        else
        {
            Console.WriteLine("FLASHSALE_POSTGRES is not set: the durable-mode figure on PostgreSQL is skipped (scripts/postgres.sh start prints a URL).");
        }

        foreach (var r in results)
        {
            Console.WriteLine($"{r.System,-44} {r.CallsPerSecond,10:N0} purchases/s p50 {r.P50Micros,8:N1}µs p99 {r.P99Micros,9:N1}µs");
        }

        if (write)
        {
            var body = $"""
                ## One hot SKU (issue: the flash sale)

                - Date: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC
                - Machine: {ResultsFile.Machine()}
                - Command: `FLASHSALE_POSTGRES=$(scripts/postgres.sh start) dotnet run -c Release --project bench/Runtime.Benchmarks -- sale --seconds {seconds}`
                - Setup: one silo (in-memory clustering, memory storage; the order log in memory, or in PostgreSQL from FLASHSALE_POSTGRES
                  on loopback with group commit), a cluster client over loopback TCP,
                  {Buyers} closed-loop buyers on one SKU with 16 shards, a new buyer id per attempt. HTTP: the API gateway in the
                  same process, {Buyers} concurrent HTTP/1.1 connections. Durable mode waits for the order log's commit; fast mode writes behind.

                {ResultsFile.Table(results, r => (r.CallsPerSecond / results[0].CallsPerSecond).ToString("N2", CultureInfo.InvariantCulture), "ratio to durable")}
                """;
            ResultsFile.WriteSection("sale-benchmarks", body);
        }
    }

    private static async Task<(IHost Silo, IHost Client, int GatewayPort)> StartAsync(string clusterId, string? postgres)
    {
        var (siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next());
        var silo = new HostBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .UseSilo(s =>
            {
                s.Configure<SiloOptions>(o =>
                    {
                        o.ClusterId = clusterId;
                        o.SiloPort = siloPort;
                        o.GatewayPort = gatewayPort;
                    })
                    .UseInMemoryClustering()
                    .AddMemoryGrainStorageAsDefault()
                    .UseInMemoryReminderService()
                    .AddFlashSale();
                if (postgres is not null)
                {
                    s.UsePostgresOrderLog(o =>
                    {
                        o.ConnectionString = postgres;
                        o.Schema = "bench_" + Guid.NewGuid().ToString("N")[..8];
                    });
                }
            })
            .Build();
        await silo.StartAsync();
        var client = new HostBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .UseClusterClient(o =>
            {
                o.ClusterId = clusterId;
                o.Gateways = [$"127.0.0.1:{gatewayPort}"];
            })
            .Build();
        await client.StartAsync();
        return (silo, client, gatewayPort);
    }

    private static async Task<ScenarioResult> ThroughClientAsync(IClusterClient client, string name, string log, WriteMode mode, TimeSpan warmup, TimeSpan duration)
    {
        var sku = $"bench-{name}-{log.ToLowerInvariant()}";
        await client.GetGrain<ISkuGrain>(sku).Configure(Campaign(sku, mode));
        var view = (await client.GetGrain<ISkuGrain>(sku).GetView())!;
        long next = 0;
        return await LoadDriver.RunAsync($"cluster client, {name} mode ({log} order log)", Buyers, 1, async _ =>
        {
            var user = $"u{Interlocked.Increment(ref next)}";
            var shard = client.GetGrain<IStockShardGrain>(ShardRouting.ShardKey(sku, ShardRouting.ShardFor(user, view.ShardCount)));
            var result = await shard.Purchase(new PurchaseRequest(user, 1, "r"));
            return result.Outcome == PurchaseOutcome.Purchased ? 1 : throw new InvalidOperationException($"Unexpected {result.Outcome}: {result.Message}");
        }, warmup, duration, 20_000_000);
    }

    private static async Task<ScenarioResult> ThroughHttpAsync(IClusterClient client, int gatewayPort, TimeSpan warmup, TimeSpan duration)
    {
        var sku = "bench-http";
        await client.GetGrain<ISkuGrain>(sku).Configure(Campaign(sku, WriteMode.Durable));
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Client:ClusterId"] = "sale-bench",
            ["Client:Gateways:0"] = $"127.0.0.1:{gatewayPort}",
        });
        builder.AddFlashSaleGateway();
        await using var app = builder.Build();
        app.MapFlashSaleGateway();
        await app.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Buyers }) { BaseAddress = new Uri(app.Urls.First()) };
        long next = 0;
        var result = await LoadDriver.RunAsync("HTTP through the gateway, durable mode", Buyers, 1, async _ =>
        {
            var user = $"h{Interlocked.Increment(ref next)}";
            using var response = await http.PostAsJsonAsync($"/api/skus/{sku}/purchase", new { userId = user, quantity = 1, requestId = "r" });
            return response.IsSuccessStatusCode ? 1 : throw new InvalidOperationException($"HTTP {(int)response.StatusCode}");
        }, warmup, duration, 20_000_000);
        await app.StopAsync();
        return result;
    }

    private static Campaign Campaign(string sku, WriteMode mode) => new()
    {
        Sku = sku,
        Name = sku,
        Price = 1m,
        Stock = 50_000_000,
        PerUserLimit = 1,
        StartsAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        EndsAt = DateTimeOffset.UtcNow.AddHours(1),
        Shards = 16,
        WriteMode = mode,
    };
}
