using System.Globalization;
using FlashSale.LoadGen;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Runtime.Benchmarks;

/// <summary>
/// In-silo grain calls beside a hand-written Channel&lt;T&gt; mailbox, in one run: calls per second, latency
/// p50/p99 and bytes allocated per call, for 1, 64 and 1,000 callers over 1 and 1,000 targets.
/// </summary>
internal static class InSiloBenchmark
{
    public static async Task RunAsync(int seconds, bool write)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        var warmup = TimeSpan.FromSeconds(Math.Max(1, seconds / 2));
        const long MaxCalls = 50_000_000;

        using var host = BenchSilo.Standalone();
        await host.StartAsync();
        var factory = host.Services.GetRequiredService<IGrainFactory>();

        var results = new List<(ScenarioResult Grain, ScenarioResult Mailbox)>();
        foreach (var (callers, targets) in new[] { (1, 1), (64, 1), (64, 1000), (1000, 1000), (1000, 1) })
        {
            var grains = Enumerable.Range(0, targets).Select(i => factory.GetGrain<IBenchGrain>(i + (targets * 10_000L))).ToArray();
            foreach (var g in grains)
            {
                await g.Add(0);
            }

            var grain = await LoadDriver.RunAsync("grain", callers, targets, t => grains[t].Add(1), warmup, duration, MaxCalls);
            var mailboxes = Enumerable.Range(0, targets).Select(_ => new ChannelMailbox()).ToArray();
            var mailbox = await LoadDriver.RunAsync("channel mailbox", callers, targets, t => mailboxes[t].Add(1), warmup, duration, MaxCalls);
            foreach (var m in mailboxes)
            {
                m.Stop();
            }

            results.Add((grain, mailbox));
            Console.WriteLine($"{callers,5} callers {targets,5} targets: grain {grain.CallsPerSecond,12:N0}/s p50 {grain.P50Micros,7:N1}µs p99 {grain.P99Micros,8:N1}µs {grain.BytesPerCall,5:N0} B/call | mailbox {mailbox.CallsPerSecond,12:N0}/s p99 {mailbox.P99Micros,8:N1}µs {mailbox.BytesPerCall,5:N0} B/call | ratio {grain.CallsPerSecond / mailbox.CallsPerSecond:N2}");
        }

        await host.StopAsync();

        if (write)
        {
            var all = results.SelectMany(r => new[] { r.Grain, r.Mailbox });
            var ratio = results.ToDictionary(r => r.Grain, r => r.Grain.CallsPerSecond / r.Mailbox.CallsPerSecond);
            var key = results.First(r => r.Grain.Callers == 64 && r.Grain.Targets == 1000);
            var body = $"""
                ## In-silo grain calls (issue: runtime core)

                - Date: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC
                - Machine: {ResultsMarkdown.Machine()}
                - Command: `dotnet run -c Release --project bench/Runtime.Benchmarks -- insilo --seconds {seconds}`
                - Work: `ValueTask<int> Add(int)` on a non-reentrant grain, closed-loop callers; baseline: the same work through a
                  single-reader `Channel<T>` mailbox per target with one completion object per call.

                {ResultsFile.Table(all, r => ratio.TryGetValue(r, out var x) ? x.ToString("N2", CultureInfo.InvariantCulture) : "", "grain / mailbox")}

                Targets (64 callers, 1,000 grains): ≥ 1,000,000 calls/s: {key.Grain.CallsPerSecond:N0} ({(key.Grain.CallsPerSecond >= 1_000_000 ? "met" : "missed")});
                ≥ 0.5 of the mailbox: {ratio[key.Grain]:N2} ({(ratio[key.Grain] >= 0.5 ? "met" : "missed")}); ≤ 300 bytes per call: {key.Grain.BytesPerCall:N0} ({(key.Grain.BytesPerCall <= 300 ? "met" : "missed")}).
                """;
            ResultsMarkdown.WriteSection("runtime-benchmarks", body);
        }
    }
}
