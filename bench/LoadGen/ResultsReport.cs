using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace FlashSale.LoadGen;

/// <summary>Prints one run as a table, saves it as JSON, and turns a folder of runs into the loadgen section of bench/RESULTS.md.</summary>
internal static class ResultsReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Print(LoadResult r)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(r.Name)).AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("throughput", $"{r.Throughput:N0} requests/s ({r.Requests:N0} in {r.Seconds:N2} s, {r.Mode} loop, {r.Concurrency} {(r.Mode == "open" ? "max in flight" : "callers")})");
        table.AddRow("latency p50 / p90 / p99 / p99.9", $"{F(r.P50Ms)} / {F(r.P90Ms)} / {F(r.P99Ms)} / {F(r.P999Ms)} ms");
        table.AddRow("accepted / rejected / failed / dropped", $"{r.Accepted:N0} / {r.Rejected:N0} / {r.Failed:N0} / {r.Dropped:N0}");
        table.AddRow("sold (read back)", r.Sold?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a");
        table.AddRow("oversold (must be 0)", r.Oversold?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a");
        table.AddRow("duplicates (must be 0)", r.Duplicates?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a");
        table.AddRow("acknowledged but not sold (must be 0)", r.Lost?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a");
        if (r.Gc is { } gc)
        {
            table.AddRow("GC in this process: gen0 / gen1 / gen2", $"{gc.Gen0:N0} / {gc.Gen1:N0} / {gc.Gen2:N0}, paused {gc.PauseMs:N0} ms (longest seen {gc.MaxPauseMs:N1} ms), {gc.AllocatedBytes / Math.Max(1, r.Requests):N0} bytes allocated per request");
            table.AddRow("CPU time of this process per request", $"{gc.CpuMs * 1000 / Math.Max(1, r.Requests):N1} µs (user and kernel, all threads)");
        }

        if (r.SendLag is { } lag)
        {
            table.AddRow("open loop: sent late by (p99 / max)", $"{F(lag.P99Ms)} / {F(lag.MaxMs)} ms (the load generator's own delay, part of the latency)");
        }

        if (r.FramesPerFlush is { Count: > 0 } batching)
        {
            table.AddRow("frames per socket flush (runtime counters)", string.Join(", ", batching.Select(b => $"{b.Key}: {b.Value:N1}")));
        }

        if (r.Note is not null)
        {
            table.AddRow("note", Markup.Escape(r.Note));
        }

        AnsiConsole.Write(table);
    }

    public static void Save(LoadResult r, string path) => File.WriteAllText(path, JsonSerializer.Serialize(r, Json));

    /// <summary>
    /// <c>report --dir D [--command "..."]</c>: reads D/*.json (one file per scenario and round) and rewrites the loadgen
    /// section: every round's figures, and each target judged on the median over the rounds of the ratio or p99 that
    /// round measured side by side.
    /// </summary>
    public static void Write(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i && i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var dir = Value("--dir") ?? throw new ArgumentException("report needs --dir");
        var results = Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal)
            .Select(f => JsonSerializer.Deserialize<LoadResult>(File.ReadAllText(f), Json)!)
            .ToList();
        var rounds = results.Count == 0 ? 0 : results.Max(r => r.Round);
        var sb = new StringBuilder();
        sb.AppendLine("## Load generator and baselines, one run (issue 7)").AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Date: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {ResultsMarkdown.Machine()}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{Value("--command") ?? "bench/run.sh"}` (each scenario's command line is in the run's log)");
        sb.AppendLine("- Setup: one hot SKU (16 shards, a new buyer per request), one silo + cluster client (+ API gateway for HTTP) in the load");
        sb.AppendLine("  generator's process on 127.0.0.1; PostgreSQL: a throwaway local server (scripts/postgres.sh, default durability);");
        sb.AppendLine("  Redis: a throwaway redis-server (no persistence) driven by redis-benchmark. Latency in ms; open loop measures from");
        sb.AppendLine("  the intended send time (coordinated omission corrected).");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Rounds: {rounds}. Each round runs every scenario once, the open loops at half of that round's closed-loop peak; a");
        sb.AppendLine("  target is judged on the median over the rounds of what each round measured side by side.").AppendLine();
        sb.AppendLine("| scenario | round | loop | conc. | rate | requests/s | p50 | p90 | p99 | p99.9 | accepted | failed | dropped | sold | oversold | dup. | lost |");
        sb.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        string[] order = ["client-memory", "client-fast", "client-postgres", "client-open-half", "redis-lua", "postgres-hotrow", "http", "http-open-half", "kestrel-ceiling"];
        foreach (var r in results.OrderBy(r => Array.IndexOf(order, r.Name) is var i && i >= 0 ? i : int.MaxValue).ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Round))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Round} | {r.Mode} | {r.Concurrency} | {(r.Rate > 0 ? r.Rate.ToString("N0", CultureInfo.InvariantCulture) : "")} | {r.Throughput:N0} | {F(r.P50Ms)} | {F(r.P90Ms)} | {F(r.P99Ms)} | {F(r.P999Ms)} | {r.Accepted:N0} | {r.Failed:N0} | {r.Dropped:N0} | {N(r.Sold)} | {N(r.Oversold)} | {N(r.Duplicates)} | {N(r.Lost)} |");
        }

        var notes = results.Where(r => r.Note is not null).GroupBy(r => r.Note).Select(g => $"- {string.Join(", ", g.Select(r => r.Name).Distinct())}: {g.Key}").ToList();
        notes.AddRange(results.Where(r => r.SendLag is not null).GroupBy(r => r.Name).Select(g =>
            $"- {g.Key}: requests were sent late by {string.Join(", ", g.Select(r => F(r.SendLag!.P99Ms)))} ms at p99 (rounds in order; {F(g.Max(r => r.SendLag!.MaxMs))} ms at most): the load generator's own delay on the shared cores, counted in the latencies"));
        if (notes.Count > 0)
        {
            sb.AppendLine().AppendLine(string.Join('\n', notes));
        }

        var byRound = results.ToLookup(r => r.Round);
        sb.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Targets (ratios within each round; median over {rounds} rounds):").AppendLine();
        Ratio(sb, byRound, rounds, "client-memory", "redis-lua", 1.0, "cluster client, memory order log vs Redis Lua");
        Ratio(sb, byRound, rounds, "client-postgres", "postgres-hotrow", 10.0, "cluster client, durable mode with PostgreSQL group commit vs PostgreSQL hot row");
        Ratio(sb, byRound, rounds, "http", "kestrel-ceiling", 0.5, "purchases through Client.Api vs the Kestrel in-memory ceiling");
        P99(sb, results, "client-open-half", 5.0, "p99 through the cluster client at half of its peak (open loop)");
        P99(sb, results, "http-open-half", 10.0, "p99 through HTTP at half of its peak (open loop)");
        var root = ResultsMarkdown.RepositoryRoot();
        var findings = Path.Combine(root, "bench", "Baselines", "FINDINGS.md");
        if (File.Exists(findings))
        {
            sb.AppendLine().AppendLine(File.ReadAllText(findings).Trim());
        }

        ResultsMarkdown.WriteSection("loadgen", sb.ToString());
    }

    /// <summary>The middle value (the mean of the two middle ones for an even count).</summary>
    internal static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static void Ratio(StringBuilder sb, ILookup<int, LoadResult> byRound, int rounds, string ours, string baseline, double target, string label)
    {
        var pairs = new List<(double Ours, double Baseline)>();
        for (var round = 1; round <= rounds; round++)
        {
            var a = byRound[round].FirstOrDefault(r => r.Name == ours);
            var b = byRound[round].FirstOrDefault(r => r.Name == baseline);
            if (a is { Throughput: > 0 } && b is { Throughput: > 0 })
            {
                pairs.Add((a.Throughput, b.Throughput));
            }
        }

        if (pairs.Count == 0)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- {label}: not measured (≥ {target:N1}x)");
            return;
        }

        var ratio = Median([.. pairs.Select(p => p.Ours / p.Baseline)]);
        var each = string.Join(", ", pairs.Select(p => $"{p.Ours:N0} / {p.Baseline:N0} = {p.Ours / p.Baseline:N2}x"));
        sb.AppendLine(CultureInfo.InvariantCulture, $"- {label}: {each}; median {ratio:N2}x, target ≥ {target:N1}x: **{(ratio >= target ? "met" : "missed")}**");
    }

    private static void P99(StringBuilder sb, List<LoadResult> results, string name, double targetMs, string label)
    {
        var runs = results.Where(r => r.Name == name && !double.IsNaN(r.P99Ms)).OrderBy(r => r.Round).ToList();
        if (runs.Count == 0)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- {label}: not measured (< {targetMs:N0} ms)");
            return;
        }

        // A round that dropped requests (the in-flight cap was reached) did not hold the rate: it counts as a miss.
        var p99 = Median([.. runs.Select(r => r.Dropped == 0 ? r.P99Ms : double.PositiveInfinity)]);
        var each = string.Join(", ", runs.Select(r => $"{F(r.P99Ms)} ms at {r.Rate:N0}/s ({r.Dropped:N0} dropped)"));
        sb.AppendLine(CultureInfo.InvariantCulture, $"- {label}: {each}; median {F(p99)} ms, target < {targetMs:N0} ms: **{(p99 < targetMs ? "met" : "missed")}**");
    }

    private static string F(double ms) => double.IsNaN(ms) ? "n/a" : double.IsPositiveInfinity(ms) ? "∞ (dropped)" : ms.ToString("N2", CultureInfo.InvariantCulture);

    private static string N(long? v) => v?.ToString("N0", CultureInfo.InvariantCulture) ?? "";
}
