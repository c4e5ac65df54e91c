using System.Diagnostics;
using FlashSale.LoadGen;

namespace FlashSale.Runtime.Benchmarks;

/// <summary>
/// Runs closed-loop callers against a call function for a fixed time (bounded by time and by a call cap),
/// recording each call's latency and the bytes allocated per call across all threads.
/// </summary>
internal static class LoadDriver
{
    public static async Task<ScenarioResult> RunAsync(string system, int callers, int targets, Func<int, ValueTask<int>> call, TimeSpan warmup, TimeSpan duration, long maxCalls)
    {
        await RunPhaseAsync(callers, targets, call, warmup, maxCalls, record: false);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var (calls, histogram) = await RunPhaseAsync(callers, targets, call, duration, maxCalls, record: true);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
        return new ScenarioResult(system, callers, targets, calls, elapsed, Micros(histogram.Percentile(50)), Micros(histogram.Percentile(99)), (double)allocated / calls);
    }

    private static async Task<(long Calls, LatencyHistogram Histogram)> RunPhaseAsync(int callers, int targets, Func<int, ValueTask<int>> call, TimeSpan duration, long maxCalls, bool record)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perCaller = Math.Max(1, maxCalls / callers);
        var histograms = new LatencyHistogram[callers];
        var tasks = new Task<long>[callers];
        for (var c = 0; c < callers; c++)
        {
            var histogram = histograms[c] = new LatencyHistogram();
            var first = c;
            tasks[c] = Task.Run(async () =>
            {
                long done = 0;
                var target = first % targets;
                while (done < perCaller && ((done & 63) != 0 || Stopwatch.GetTimestamp() < stopAt))
                {
                    var t0 = Stopwatch.GetTimestamp();
                    await call(target);
                    if (record)
                    {
                        histogram.Record(Stopwatch.GetTimestamp() - t0);
                    }

                    done++;
                    target += callers;
                    if (target >= targets)
                    {
                        target %= targets;
                    }
                }

                return done;
            });
        }

        var counts = await Task.WhenAll(tasks);
        var merged = new LatencyHistogram();
        foreach (var h in histograms)
        {
            merged.Add(h);
        }

        return (counts.Sum(), merged);
    }
}
