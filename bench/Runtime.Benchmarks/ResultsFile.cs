using System.Globalization;
using System.Text;

namespace FlashSale.Runtime.Benchmarks;

/// <summary>The table the runtime benchmarks put in their bench/RESULTS.md sections (written through ResultsMarkdown).</summary>
internal static class ResultsFile
{
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
}
