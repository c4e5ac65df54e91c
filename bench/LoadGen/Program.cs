using FlashSale.LoadGen;

// Load generator for one hot SKU, and the baselines that do the same job (see bench/run.sh).
//   dotnet run -c Release --project bench/LoadGen -- --target http|client|kestrel-ceiling|postgres-hotrow|redis-lua
//     [--url http://127.0.0.1:5000] [--mode closed|open] [--concurrency 64] [--rate N] [--count N] [--duration S]
//     [--warmup S] [--stock N] [--shards 16] [--write-mode durable|fast] [--postgres <conn>] [--out result.json] [--name label] [--round N]
//   dotnet run -c Release --project bench/LoadGen -- report --dir <folder of result.json files> [--command "..."]
if (args.Length > 0 && args[0] == "report")
{
    ResultsReport.Write(args);
    return 0;
}

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

var result = await Scenarios.RunAsync(options) with { Round = options.Round };
ResultsReport.Print(result);
if (options.Out is not null)
{
    ResultsReport.Save(result, options.Out);
}

return result.Failed > 0 && result.Accepted == 0 ? 1 : 0;
