using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace FlashSale.Runtime.Benchmarks;

/// <summary>Rewrites one marked section of bench/RESULTS.md, leaving the other benchmarks' sections alone.</summary>
internal static class ResultsFile
{
    public static string Machine()
    {
        var cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException)
        {
        }

        return $"{Environment.ProcessorCount} cores ({cpu}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    public static void WriteSection(string section, string body)
    {
        var path = FindResultsPath();
        var start = $"<!-- {section}:start -->";
        var end = $"<!-- {section}:end -->";
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmark results\n\nEach section is rewritten by the benchmark that owns it; compare ratios within one run, not figures across runs.\n";
        var block = $"{start}\n{body.TrimEnd()}\n{end}";
        var i = text.IndexOf(start, StringComparison.Ordinal);
        var j = text.IndexOf(end, StringComparison.Ordinal);
        text = i >= 0 && j > i ? text[..i] + block + text[(j + end.Length)..] : text.TrimEnd() + "\n\n" + block + "\n";
        File.WriteAllText(path, text);
        Console.WriteLine($"wrote {path}");
    }

    public static string Table(IEnumerable<ScenarioResult> results, Func<ScenarioResult, string> extra, string extraHeader)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"| system | callers | targets | calls/s | p50 µs | p99 µs | bytes/call | {extraHeader} |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.System} | {r.Callers:N0} | {r.Targets:N0} | {r.CallsPerSecond:N0} | {r.P50Micros:N1} | {r.P99Micros:N1} | {r.BytesPerCall:N0} | {extra(r)} |");
        }

        return sb.ToString();
    }

    private static string FindResultsPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FlashSale.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? System.IO.Directory.GetCurrentDirectory(), "bench", "RESULTS.md");
    }
}
