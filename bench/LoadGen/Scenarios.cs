using FlashSale.Grains;
using Spectre.Console;

namespace FlashSale.LoadGen;

/// <summary>Sets up the chosen target, warms it up, drives the measured phase with a progress bar, reads back the counters.</summary>
internal static class Scenarios
{
    public static async Task<LoadResult> RunAsync(LoadOptions o)
    {
        var name = o.Name ?? $"{o.Target} {o.Mode}";
        switch (o.Target)
        {
            case "redis-lua":
                return await RedisLuaBaseline.RunAsync(name, o.Concurrency, Math.Min(o.Count, (long)(o.Duration * 60_000)), o.Stock);
            case "kestrel-ceiling":
            {
                await using var ceiling = await KestrelCeiling.StartAsync(o.Stock);
                using var http = new HttpPurchaser(ceiling.Url, "ceiling", Connections(o));
                var runner = await DriveAsync(o, (_, i) => http.PurchaseAsync($"u-{i}"));
                var sold = o.Stock - ceiling.Remaining;
                return Result(o, name, runner) with { Sold = sold, Oversold = Math.Max(0, sold - o.Stock), Lost = Math.Max(0, runner.Accepted - sold) };
            }

            case "postgres-hotrow":
            {
                var conn = o.Postgres ?? throw new ArgumentException("postgres-hotrow needs --postgres <conn> or FLASHSALE_POSTGRES");
                await using var row = await PostgresHotRow.StartAsync(conn, o.Concurrency, o.Stock);
                var runner = await DriveAsync(o, (w, _) => row.DeductAsync(w));
                var sold = o.Stock - await row.RemainingAsync();
                return Result(o, name, runner) with { Sold = sold, Oversold = Math.Max(0, sold - o.Stock), Lost = Math.Max(0, runner.Accepted - sold) };
            }

            default:
                return await SaleAsync(o, name);
        }
    }

    private static async Task<LoadResult> SaleAsync(LoadOptions o, string name)
    {
        var mode = o.WriteMode == "fast" ? WriteMode.Fast : WriteMode.Durable;
        if (o.Url is not null)
        {
            // An external gateway: the campaign must exist already; no counters can be read back from here.
            using var external = new HttpPurchaser(o.Url, "loadgen-hot", Connections(o));
            var run = Guid.NewGuid().ToString("N")[..6];
            var externalRunner = await DriveAsync(o, (_, i) => external.PurchaseAsync($"u{run}-{i}"));
            return Result(o, name, externalRunner) with { Note = "external gateway: counters not read back" };
        }

        await using var host = await SelfHostedSale.StartAsync(o.Postgres);
        await using var sale = new SaleTarget(host.Client, "loadgen-hot-" + Guid.NewGuid().ToString("N")[..6], o.Stock, o.Shards, mode);
        await sale.ConfigureAsync();
        LoadRunner runner;
        if (o.Target == "http")
        {
            using var http = new HttpPurchaser(await host.StartGatewayAsync(), sale.Sku, Connections(o));
            runner = await DriveAsync(o, (_, i) => http.PurchaseAsync(sale.UserFor(i)));
        }
        else
        {
            runner = await DriveAsync(o, (_, i) => sale.PurchaseAsync(i));
        }

        var (sold, oversold, duplicates) = await sale.ReadBackAsync(host.Orders);
        return Result(o, name, runner) with
        {
            Sold = sold,
            Oversold = oversold,
            Duplicates = duplicates,
            Lost = mode == WriteMode.Durable ? Math.Max(0, runner.Accepted - sold) : null,
        };
    }

    private static int Connections(LoadOptions o) => o.Mode == "open" ? o.MaxInFlight : o.Concurrency;

    /// <summary>Warm-up (not recorded; its purchases count in the read-back), then the measured phase.</summary>
    private static async Task<LoadRunner> DriveAsync(LoadOptions o, Func<int, long, ValueTask<CallOutcome>> call)
    {
        const long WarmupBase = 1L << 40;
        if (o.Warmup > 0)
        {
            // Closed loop first, at full speed: it brings JIT tiering, the thread pool and the GC's budgets to where a
            // busy process has them. An open loop then ends the warm-up at the measured rate, so that its own send
            // path is compiled and, over HTTP, its connections are open: warmed up closed-loop only, an HTTP open loop
            // opened most of its 256 connections mid-measurement (200-500 dropped, p99 15-37 ms); warmed up open-loop
            // only, the cluster client's open loop at 50k/s dropped hundreds to thousands (p99 15-24 ms against 3.5-4.5).
            var openPart = o.Mode == "open" ? Math.Min(2.0, o.Warmup / 2) : 0;
            await new LoadRunner().RunClosedAsync(o.Concurrency, o.Count, TimeSpan.FromSeconds(o.Warmup - openPart), call, WarmupBase);
            if (openPart > 0)
            {
                await new LoadRunner().RunOpenAsync(o.Rate, o.MaxInFlight, o.Count, TimeSpan.FromSeconds(openPart), call, WarmupBase + o.Count + 1);
            }
        }

        var runner = new LoadRunner();
        using var network = new NetworkWatch();
        network.Begin();
        using var gc = new GcWatch();
        var duration = TimeSpan.FromSeconds(o.Duration);
        var measured = o.Mode == "open"
            ? runner.RunOpenAsync(o.Rate, o.MaxInFlight, o.Count, duration, call)
            : runner.RunClosedAsync(o.Concurrency, o.Count, duration, call);
        if (!o.Progress || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            await measured;
            runner.Gc = gc.Stop();
            runner.FramesPerFlush = network.FramesPerFlush();
            return runner;
        }

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"{o.Target} {o.Mode}", maxValue: o.Duration);
                var started = DateTime.UtcNow;
                while (!measured.IsCompleted)
                {
                    task.Value = Math.Min(o.Duration, (DateTime.UtcNow - started).TotalSeconds);
                    task.Description = $"{o.Target} {o.Mode}: {runner.Completed:N0} requests";
                    await Task.WhenAny(measured, Task.Delay(200));
                }

                task.Value = o.Duration;
                await measured;
            });
        runner.Gc = gc.Stop();
        runner.FramesPerFlush = network.FramesPerFlush();
        return runner;
    }

    private static LoadResult Result(LoadOptions o, string name, LoadRunner runner)
    {
        var h = runner.Merged();
        double Ms(double p) => h.Count == 0 ? double.NaN : h.Percentile(p) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
        return new LoadResult
        {
            Name = name,
            Target = o.Target,
            Mode = o.Mode,
            Concurrency = o.Mode == "open" ? o.MaxInFlight : o.Concurrency,
            Rate = o.Rate,
            Requests = runner.Completed,
            Accepted = runner.Accepted,
            Rejected = runner.Rejected,
            Failed = runner.Failed,
            Dropped = runner.Dropped,
            Seconds = runner.Elapsed.TotalSeconds,
            P50Ms = Ms(50),
            P90Ms = Ms(90),
            P99Ms = Ms(99),
            P999Ms = Ms(99.9),
            Gc = runner.Gc,
            FramesPerFlush = runner.FramesPerFlush,
            SendLag = o.Mode == "open" && runner.SendLag.Count > 0
                ? new SendLag(runner.SendLag.Percentile(99) * 1000.0 / System.Diagnostics.Stopwatch.Frequency, runner.SendLag.Percentile(100) * 1000.0 / System.Diagnostics.Stopwatch.Frequency)
                : null,
        };
    }
}
