using System.Globalization;
using System.Net.Http.Json;
using FlashSale.Grains;
using FlashSale.LoadGen;

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
        List<ScenarioResult> results;
        await using (var sale = await SelfHostedSale.StartAsync(postgres: null))
        {
            results =
            [
                await ThroughClientAsync(sale.Client, "durable", "memory", WriteMode.Durable, warmup, duration),
                await ThroughClientAsync(sale.Client, "fast", "memory", WriteMode.Fast, warmup, duration),
                await ThroughHttpAsync(sale, warmup, duration),
            ];
        }

        if (Environment.GetEnvironmentVariable("FLASHSALE_POSTGRES") is { Length: > 0 } postgres)
        {
            await using var pg = await SelfHostedSale.StartAsync(postgres);
            results.Add(await ThroughClientAsync(pg.Client, "durable", "PostgreSQL", WriteMode.Durable, warmup, duration));
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
                - Machine: {ResultsMarkdown.Machine()}
                - Command: `FLASHSALE_POSTGRES=$(scripts/postgres.sh start) dotnet run -c Release --project bench/Runtime.Benchmarks -- sale --seconds {seconds}`
                - Setup: one silo (in-memory clustering, memory storage; the order log in memory, or in PostgreSQL from FLASHSALE_POSTGRES
                  on loopback with group commit), a cluster client over loopback TCP,
                  {Buyers} closed-loop buyers on one SKU with 16 shards, a new buyer id per attempt. HTTP: the API gateway in the
                  same process, {Buyers} concurrent HTTP/1.1 connections. Durable mode waits for the order log's commit; fast mode writes behind.

                {ResultsFile.Table(results, r => (r.CallsPerSecond / results[0].CallsPerSecond).ToString("N2", CultureInfo.InvariantCulture), "ratio to durable")}
                """;
            ResultsMarkdown.WriteSection("sale-benchmarks", body);
        }
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

    private static async Task<ScenarioResult> ThroughHttpAsync(SelfHostedSale sale, TimeSpan warmup, TimeSpan duration)
    {
        var sku = "bench-http";
        await sale.Client.GetGrain<ISkuGrain>(sku).Configure(Campaign(sku, WriteMode.Durable));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Buyers }) { BaseAddress = new Uri(await sale.StartGatewayAsync()) };
        long next = 0;
        return await LoadDriver.RunAsync("HTTP through the gateway, durable mode", Buyers, 1, async _ =>
        {
            var user = $"h{Interlocked.Increment(ref next)}";
            using var response = await http.PostAsJsonAsync($"/api/skus/{sku}/purchase", new { userId = user, quantity = 1, requestId = "r" });
            return response.IsSuccessStatusCode ? 1 : throw new InvalidOperationException($"HTTP {(int)response.StatusCode}");
        }, warmup, duration, 20_000_000);
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
