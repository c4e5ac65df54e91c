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

    /// <summary><c>report --dir D [--command "..."]</c>: reads D/*.json and rewrites the loadgen section.</summary>
    public static void Write(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i && i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var dir = Value("--dir") ?? throw new ArgumentException("report needs --dir");
        var results = Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal)
            .Select(f => JsonSerializer.Deserialize<LoadResult>(File.ReadAllText(f), Json)!)
            .ToDictionary(r => r.Name);
        var sb = new StringBuilder();
        sb.AppendLine("## Load generator and baselines, one run (issue 7)").AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Date: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {ResultsMarkdown.Machine()}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{Value("--command") ?? "bench/run.sh"}` (each scenario's command line is in the run's log)");
        sb.AppendLine("- Setup: one hot SKU (16 shards, a new buyer per request), one silo + cluster client (+ API gateway for HTTP) in the load");
        sb.AppendLine("  generator's process on 127.0.0.1; PostgreSQL: a throwaway local server (scripts/postgres.sh, default durability);");
        sb.AppendLine("  Redis: a throwaway redis-server (no persistence) driven by redis-benchmark. Latency in ms; open loop measures from");
        sb.AppendLine("  the intended send time (coordinated omission corrected).").AppendLine();
        sb.AppendLine("| scenario | loop | conc. | rate | requests/s | p50 | p90 | p99 | p99.9 | accepted | failed | dropped | sold | oversold | dup. | lost |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        string[] order = ["client-memory", "client-fast", "client-postgres", "client-open-half", "redis-lua", "postgres-hotrow", "http", "http-open-half", "kestrel-ceiling"];
        foreach (var r in results.Values.OrderBy(r => Array.IndexOf(order, r.Name) is var i && i >= 0 ? i : int.MaxValue).ThenBy(r => r.Name, StringComparer.Ordinal))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Mode} | {r.Concurrency} | {(r.Rate > 0 ? r.Rate.ToString("N0", CultureInfo.InvariantCulture) : "")} | {r.Throughput:N0} | {F(r.P50Ms)} | {F(r.P90Ms)} | {F(r.P99Ms)} | {F(r.P999Ms)} | {r.Accepted:N0} | {r.Failed:N0} | {r.Dropped:N0} | {N(r.Sold)} | {N(r.Oversold)} | {N(r.Duplicates)} | {N(r.Lost)} |");
        }

        var notes = results.Values.Where(r => r.Note is not null).Select(r => $"- {r.Name}: {r.Note}").ToList();
        notes.AddRange(results.Values.Where(r => r.SendLag is not null).Select(r =>
            $"- {r.Name}: requests were sent late by {F(r.SendLag!.P99Ms)} ms at p99 ({F(r.SendLag.MaxMs)} ms at most): the load generator's own delay on the shared cores, counted in the latencies"));
        if (notes.Count > 0)
        {
            sb.AppendLine().AppendLine(string.Join('\n', notes));
        }

        sb.AppendLine().AppendLine("Targets (ratios within this run):").AppendLine();
        Ratio(sb, results, "client-memory", "redis-lua", 1.0, "cluster client, memory order log vs Redis Lua");
        Ratio(sb, results, "client-postgres", "postgres-hotrow", 10.0, "cluster client, durable mode with PostgreSQL group commit vs PostgreSQL hot row");
        Ratio(sb, results, "http", "kestrel-ceiling", 0.5, "purchases through Client.Api vs the Kestrel in-memory ceiling");
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

    private static void Ratio(StringBuilder sb, Dictionary<string, LoadResult> results, string ours, string baseline, double target, string label)
    {
        if (!results.TryGetValue(ours, out var a) || !results.TryGetValue(baseline, out var b) || b.Throughput <= 0 || a.Throughput <= 0)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- {label}: not measured (≥ {target:N1}x)");
            return;
        }

        var ratio = a.Throughput / b.Throughput;
        sb.AppendLine(CultureInfo.InvariantCulture, $"- {label}: {a.Throughput:N0} / {b.Throughput:N0} = {ratio:N2}x, target ≥ {target:N1}x: **{(ratio >= target ? "met" : "missed")}**");
    }

    private static void P99(StringBuilder sb, Dictionary<string, LoadResult> results, string name, double targetMs, string label)
    {
        if (!results.TryGetValue(name, out var r) || double.IsNaN(r.P99Ms))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- {label}: not measured (< {targetMs:N0} ms)");
            return;
        }

        var met = r.P99Ms < targetMs && r.Dropped == 0;
        sb.AppendLine(CultureInfo.InvariantCulture, $"- {label}: {r.P99Ms:N2} ms at {r.Rate:N0}/s ({r.Dropped:N0} dropped), target < {targetMs:N0} ms: **{(met ? "met" : "missed")}**");
    }

    private static string F(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString("N2", CultureInfo.InvariantCulture);

    private static string N(long? v) => v?.ToString("N0", CultureInfo.InvariantCulture) ?? "";
}
