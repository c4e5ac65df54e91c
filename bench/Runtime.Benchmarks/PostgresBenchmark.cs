using System.Diagnostics;
using System.Globalization;
using FlashSale.LoadGen;
using FlashSale.Runtime.Postgres;
using FlashSale.Runtime.Postgres.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FlashSale.Runtime.Benchmarks;

/// <summary>
/// Grain-state writes per second against PostgreSQL through <see cref="PostgresGrainStorage"/>: single writes (one
/// conditional write per round trip, 64 concurrent writers) and batched writes (100 states per round trip through
/// <see cref="PostgresGrainStorage.WriteStatesAsync{TState}"/>, 16 concurrent writers). Every write is a real
/// conditional UPDATE on the ETag the writer holds, committed with the server's default durability.
/// </summary>
internal static class PostgresBenchmark
{
    private const int SingleWriters = 64;
    private const int BatchWriters = 16;
    private const int BatchSize = 100;
    private const int Grains = 6_400;

    public static async Task RunAsync(int seconds, bool write)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        var warmup = TimeSpan.FromSeconds(Math.Max(1, seconds / 2));
        var privateDir = Environment.GetEnvironmentVariable("FLASHSALE_POSTGRES") is { Length: > 0 } ? null : Path.Combine(Path.GetTempPath(), $"flashsale-bench-pg-{Guid.NewGuid():N}"[..30]);
        var connectionString = privateDir is null ? Environment.GetEnvironmentVariable("FLASHSALE_POSTGRES")! : await PostgresScript("start", privateDir);
        var schema = $"bench_{Guid.NewGuid():N}"[..18];
        var options = new PostgresOptions { ConnectionString = connectionString, Schema = schema };
        var registry = new PostgresDataSourceRegistry(TimeProvider.System, NullLoggerFactory.Instance);
        try
        {
            var storage = new PostgresGrainStorage("bench", "bench", options, registry.Get(options), TimeProvider.System, NullLogger<PostgresGrainStorage>.Instance);
            var states = Enumerable.Range(0, Grains)
                .Select(i => new GrainStateWrite<BenchState>("bench", GrainId.Create("bench", i), new GrainState<BenchState>(new BenchState { Note = new string('n', 64) })))
                .ToArray();
            for (var i = 0; i < Grains; i += BatchSize)
            {
                await storage.WriteStatesAsync(states[i..(i + BatchSize)]);
            }

            var single = await LoadDriver.RunAsync("single (1 state per round trip)", SingleWriters, Grains, async t =>
            {
                var item = states[t];
                item.State.State.Value++;
                await storage.WriteStateAsync(item.StateName, item.GrainId, item.State);
                return 1;
            }, warmup, duration, 50_000_000);

            var batches = Enumerable.Range(0, Grains / BatchSize).Select(b => states[(b * BatchSize)..((b + 1) * BatchSize)]).ToArray();
            var batched = await LoadDriver.RunAsync($"batched ({BatchSize} states per round trip)", BatchWriters, batches.Length, async b =>
            {
                foreach (var item in batches[b])
                {
                    item.State.State.Value++;
                }

                var results = await storage.WriteStatesAsync(batches[b]);
                return results.Count(r => r.Written) == BatchSize ? BatchSize : throw new InvalidOperationException("A batched write conflicted.");
            }, warmup, duration, 50_000_000);

            var singleStates = single.CallsPerSecond;
            var batchedStates = batched.CallsPerSecond * BatchSize;
            Console.WriteLine($"single:  {singleStates,10:N0} states/s  p50 {single.P50Micros / 1000,7:N2} ms  p99 {single.P99Micros / 1000,7:N2} ms ({SingleWriters} writers)");
            Console.WriteLine($"batched: {batchedStates,10:N0} states/s  p50 {batched.P50Micros / 1000,7:N2} ms  p99 {batched.P99Micros / 1000,7:N2} ms per batch of {BatchSize} ({BatchWriters} writers)");
            Console.WriteLine($"ratio batched/single: {batchedStates / singleStates:N1}");
            if (write)
            {
                ResultsMarkdown.WriteSection("postgres-benchmarks", Report(seconds, privateDir is not null, await ServerVersion(connectionString), single, batched));
            }
        }
        finally
        {
            await DropSchema(connectionString, schema);
            await registry.DisposeAsync();
            if (privateDir is not null)
            {
                await PostgresScript("destroy", privateDir);
            }
        }
    }

    private static string Report(int seconds, bool privateServer, string server, ScenarioResult single, ScenarioResult batched)
    {
        var singleStates = single.CallsPerSecond;
        var batchedStates = batched.CallsPerSecond * BatchSize;
        string Row(ScenarioResult r, int perTrip) => string.Create(
            CultureInfo.InvariantCulture,
            $"| {r.System} | {r.Callers} | {perTrip} | {r.CallsPerSecond:N0} | {r.CallsPerSecond * perTrip:N0} | {r.P50Micros / 1000:N2} | {r.P99Micros / 1000:N2} |");
        return $"""
            ## Grain-state writes against PostgreSQL (issue: PostgreSQL providers)

            - Date: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC
            - Machine: {ResultsMarkdown.Machine()}
            - Server: {server}, {(privateServer ? "a private throwaway server (scripts/postgres.sh)" : "the server of FLASHSALE_POSTGRES")} on 127.0.0.1, default durability (fsync, synchronous_commit on)
            - Command: `dotnet run -c Release --project bench/Runtime.Benchmarks -- postgres --seconds {seconds}`
            - Work: `PostgresGrainStorage` conditional writes (UPDATE ... WHERE version = @etag) of an ~80-byte state over {Grains:N0} grains;
              each writer owns its grains, so no write conflicts. Single: `WriteStateAsync`, one state per round trip. Batched:
              `WriteStatesAsync`, {BatchSize} states per round trip (one implicit transaction). Latency is per round trip.
              The server and the benchmark share the machine's cores (commits wait for fsync): compare the ratio, not the absolute figures.

            | mode | writers | states per round trip | round trips/s | states/s | p50 ms | p99 ms |
            |---|---:|---:|---:|---:|---:|---:|
            {Row(single, 1)}
            {Row(batched, BatchSize)}

            Ratio batched/single (states/s): {batchedStates / singleStates:N1}.
            """;
    }

    private static async Task<string> ServerVersion(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return $"PostgreSQL {connection.PostgreSqlVersion}";
    }

    private static async Task DropSchema(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {PostgresSchema.Quote(schema)} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<string> PostgresScript(string command, string directory)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "FlashSale.sln")))
        {
            root = root.Parent;
        }

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(root?.FullName ?? ".", "scripts", "postgres.sh"));
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run scripts/postgres.sh.");
        var output = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode == 0
            ? output.Trim().Split('\n').LastOrDefault() ?? string.Empty
            : throw new InvalidOperationException($"scripts/postgres.sh {command} failed with exit code {process.ExitCode}.");
    }
}
