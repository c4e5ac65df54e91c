using FlashSale.Grains;
using Spectre.Console;

namespace FlashSale.Demo;

/// <summary>Settles the sale (reconciliation) and prints the results table.</summary>
internal static class Results
{
    public static async Task<ReconciliationReport> SettleAsync(LocalCluster local, string sku)
    {
        var reconciler = local.Cluster.Client.GetGrain<IReconciliationGrain>("global");
        var reports = await reconciler.RunNow();
        return reports.Single(r => r.Sku == sku);
    }

    public static async Task PrintAsync(LocalCluster local, DemoSettings settings, SaleRun run, ReconciliationReport report, SkuLedger? ledger)
    {
        // Straight from the order log: units per shard epoch, and units per buyer over every shard (a hot SKU's shard
        // count may have doubled during the sale, moving buyers between shards).
        var sold = (await local.Orders.CountUnitsAsync(report.Sku)).Values.Sum();
        var shards = (ledger?.Shards ?? []).Select(s => s.Index).ToArray();
        var duplicates = (await local.Orders.GetUserUnitsOverShardsAsync(report.Sku, shards, _ => true)).Values.Count(units => units > settings.PerUserLimit);

        var dcOf = local.Cluster.Silos.ToDictionary(s => s.SiloAddress.ToString(), s => s.Datacenter);

        var table = new Table().Border(TableBorder.Rounded).AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("stock", $"{settings.Stock:N0}");
        table.AddRow("[green]sold[/] (orders in the log)", $"{sold:N0}");
        table.AddRow("[red]oversold[/] (must be 0)", $"{Math.Max(0, sold - settings.Stock):N0}");
        table.AddRow("[red]duplicates[/] (must be 0)", $"{duplicates:N0}");
        foreach (var (status, count) in run.Statuses.OrderBy(s => s.Key))
        {
            table.AddRow($"HTTP {status} {Reason(status)}", $"{count:N0}");
        }

        table.AddRow("throughput", $"{settings.Attempts / run.Elapsed.TotalSeconds:N0} requests/s over {run.Elapsed.TotalSeconds:N1} s");
        table.AddRow("latency p50 / p99", $"{run.Percentile(50):N2} ms / {run.Percentile(99):N2} ms");
        table.AddRow("reconciliation", report.Balanced ? "[green]balanced[/]" : $"[red]{string.Join(" ", report.Drift)}[/]");
        if (ledger is not null)
        {
            foreach (var group in ledger.Shards.GroupBy(s => dcOf.GetValueOrDefault(s.Silo, "?")).OrderBy(g => g.Key))
            {
                table.AddRow($"shards in {group.Key}", $"{group.Count()} ({string.Join(", ", group.Select(s => s.Index))})");
            }
        }

        foreach (var dc in local.Cluster.ActiveSilos.GroupBy(s => s.Datacenter).OrderBy(g => g.Key))
        {
            table.AddRow($"activations in {dc.Key}", string.Join(" + ", dc.Select(s => $"{s.ActivationCount:N0}")));
        }

        AnsiConsole.Write(table);
    }

    private static string Reason(int status) => status switch
    {
        200 => "purchased",
        403 => "over the per-user limit",
        409 => "sold out",
        425 => "not started",
        410 => "ended",
        429 => "throttled",
        503 => "unavailable",
        _ => string.Empty,
    };
}
