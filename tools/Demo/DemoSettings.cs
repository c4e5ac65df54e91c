using System.Globalization;

namespace FlashSale.Demo;

/// <summary>The demo's command line.</summary>
internal sealed record DemoSettings(string Storage, int Attempts, int Buyers, int Stock, int Concurrency, int PerUserLimit)
{
    public static DemoSettings Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        int Number(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        var settings = new DemoSettings(
            Value("--storage", "memory").ToLowerInvariant(),
            Number("--attempts", 200_000),
            Number("--buyers", 50_000),
            Number("--stock", 10_000),
            Number("--concurrency", 64),
            Number("--limit", 1));
        if (settings.Storage is not ("memory" or "postgres"))
        {
            throw new ArgumentException("--storage must be memory or postgres.");
        }

        if (settings.Attempts < 1 || settings.Buyers < 1 || settings.Stock < 0 || settings.Concurrency is < 1 or > 1024)
        {
            throw new ArgumentException("--attempts, --buyers and --concurrency must be positive (concurrency at most 1024), --stock not negative.");
        }

        return settings;
    }
}
