using System.Globalization;
using FlashSale.Runtime.Benchmarks;

// Runtime benchmarks; each rewrites its own section of bench/RESULTS.md (unless --no-write).
//   dotnet run -c Release --project bench/Runtime.Benchmarks [-- insilo|cluster|sale|postgres|all] [--seconds 3] [--no-write]
// "postgres" (not part of "all") writes grain state to FLASHSALE_POSTGRES, or to a private server it starts with scripts/postgres.sh.
// "cluster" starts a second silo in a child process (this program with --role remote-silo).
if (args.Length > 1 && args[0] == "--role" && args[1] == "remote-silo")
{
    await RemoteSiloProcess.RunAsync(args);
    return;
}

var seconds = ArgValue("--seconds", 3);
var write = !args.Contains("--no-write");
var which = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, CultureInfo.InvariantCulture, out _)) ?? "all";
if (which is "insilo" or "all")
{
    await InSiloBenchmark.RunAsync(seconds, write);
}

if (which is "cluster" or "all")
{
    await ClusterBenchmark.RunAsync(seconds, write);
}

if (which is "postgres")
{
    await PostgresBenchmark.RunAsync(seconds, write);
}

if (which is "sale" or "all")
{
    await SaleBenchmark.RunAsync(seconds, write);
}

int ArgValue(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
}
