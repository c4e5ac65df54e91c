using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Spectre.Console;

namespace FlashSale.Demo;

/// <summary>Drives the sale over HTTP: a bounded number of attempts from a bounded set of buyers, with bounded concurrency.</summary>
internal sealed class SaleRun(HttpClient http, DemoSettings settings, string sku)
{
    public ConcurrentDictionary<int, int> Statuses { get; } = new();

    public long[] Latencies { get; } = new long[settings.Attempts];

    public TimeSpan Elapsed { get; private set; }

    public async Task RunAsync()
    {
        var next = -1;
        var watch = Stopwatch.StartNew();
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var bar = progress.AddTask($"[green]{settings.Attempts:N0} purchase attempts[/]", maxValue: settings.Attempts);
                using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
                var workers = Enumerable.Range(0, settings.Concurrency).Select(async _ =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < settings.Attempts && !deadline.IsCancellationRequested)
                    {
                        var buyer = $"buyer-{(int)((uint)(i * 2654435761u) % (uint)settings.Buyers)}";
                        var started = Stopwatch.GetTimestamp();
                        using var response = await http.PostAsJsonAsync($"/api/skus/{sku}/purchase", new { userId = buyer, quantity = 1, requestId = $"attempt-{i}" }, deadline.Token);
                        Latencies[i] = Stopwatch.GetTimestamp() - started;
                        Statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                        bar.Increment(1);
                    }
                });
                await Task.WhenAll(workers);
            });
        Elapsed = watch.Elapsed;
    }

    public double Percentile(double p)
    {
        var sorted = Latencies.Where(l => l > 0).Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p / 100))] * 1000.0 / Stopwatch.Frequency;
    }
}
