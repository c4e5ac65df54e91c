using System.Globalization;

namespace FlashSale.LoadGen;

/// <summary>The command line of the load generator: <c>--name value</c> pairs and flags.</summary>
internal sealed class LoadOptions
{
    public string Target { get; private init; } = "client";
    public string? Url { get; private init; }
    public string Mode { get; private init; } = "closed";
    public int Concurrency { get; private init; } = 64;
    public double Rate { get; private init; }
    public long Count { get; private init; } = 50_000_000;
    public double Duration { get; private init; } = 5;
    public double Warmup { get; private init; } = 1;
    public int Stock { get; private init; } = 50_000_000;
    public int Shards { get; private init; } = 16;
    public string WriteMode { get; private init; } = "durable";
    public string? Postgres { get; private init; }
    public string? Out { get; private init; }
    public string? Name { get; private init; }
    public bool Progress { get; private init; } = true;
    public int MaxInFlight { get; private init; } = 1024;
    public int Round { get; private init; } = 1;

    public static LoadOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        double Number(string name, double fallback) => Value(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

        var options = new LoadOptions
        {
            Target = Value("--target") ?? "client",
            Url = Value("--url"),
            Mode = Value("--mode") ?? "closed",
            Concurrency = (int)Number("--concurrency", 64),
            Rate = Number("--rate", 0),
            Count = (long)Number("--count", 50_000_000),
            Duration = Number("--duration", 5),
            Warmup = Number("--warmup", 1),
            Stock = (int)Number("--stock", 50_000_000),
            Shards = (int)Number("--shards", 16),
            WriteMode = Value("--write-mode") ?? "durable",
            Postgres = Value("--postgres"),
            Out = Value("--out"),
            Name = Value("--name"),
            Progress = !args.Contains("--no-progress"),
            MaxInFlight = (int)Number("--max-inflight", 1024),
            Round = (int)Number("--round", 1),
        };
        if (options.Target is not ("http" or "client" or "kestrel-ceiling" or "postgres-hotrow" or "redis-lua"))
        {
            throw new ArgumentException($"Unknown --target {options.Target}: http|client|kestrel-ceiling|postgres-hotrow|redis-lua");
        }

        if (options.Mode is not ("closed" or "open") || (options.Mode == "open" && options.Rate <= 0))
        {
            throw new ArgumentException("--mode closed|open; open needs --rate N (requests/s)");
        }

        if (options.Concurrency < 1 || options.Count < 1 || options.Duration <= 0 || options.Round < 1)
        {
            throw new ArgumentException("--concurrency, --count, --duration and --round must be positive");
        }

        return options;
    }
}
