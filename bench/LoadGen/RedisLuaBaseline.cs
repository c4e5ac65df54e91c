using System.Diagnostics;
using System.Globalization;

namespace FlashSale.LoadGen;

/// <summary>
/// The Redis baseline: a throwaway redis-server on 127.0.0.1 (no persistence), a Lua deduction (GET, then DECR when
/// positive) loaded with SCRIPT LOAD, driven by redis-benchmark with EVALSHA at the same concurrency. Installs the
/// Debian packages when missing and running as root; otherwise returns the reason it was skipped.
/// </summary>
internal static class RedisLuaBaseline
{
    private const string Script = "local n = tonumber(redis.call('GET', KEYS[1])) if n and n > 0 then redis.call('DECR', KEYS[1]) return 1 end return 0";

    public static async Task<LoadResult> RunAsync(string name, int concurrency, long count, long stock)
    {
        if (!await EnsureInstalledAsync())
        {
            return Skipped(name, concurrency, "redis-server/redis-benchmark are not installed and could not be installed (apt-get, needs root)");
        }

        var port = FreePorts.Next();
        using var server = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start");
        try
        {
            var p = port.ToString(CultureInfo.InvariantCulture);
            for (var i = 0; i < 100 && (await RunAsync("redis-cli", ["-h", "127.0.0.1", "-p", p, "PING"])).Output.Trim() != "PONG"; i++)
            {
                await Task.Delay(50);
            }

            await RunAsync("redis-cli", ["-h", "127.0.0.1", "-p", p, "SET", "stock", stock.ToString(CultureInfo.InvariantCulture)]);
            var sha = (await RunAsync("redis-cli", ["-h", "127.0.0.1", "-p", p, "SCRIPT", "LOAD", Script])).Output.Trim();
            var bench = await RunAsync("redis-benchmark", ["-h", "127.0.0.1", "-p", p, "-c", concurrency.ToString(CultureInfo.InvariantCulture), "-n", count.ToString(CultureInfo.InvariantCulture), "--csv", "EVALSHA", sha, "1", "stock"]);
            var remaining = long.Parse((await RunAsync("redis-cli", ["-h", "127.0.0.1", "-p", p, "GET", "stock"])).Output.Trim(), CultureInfo.InvariantCulture);
            return Parse(name, concurrency, count, stock - remaining, bench.Output);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Parses redis-benchmark --csv: "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms".</summary>
    private static LoadResult Parse(string name, int concurrency, long count, long sold, string csv)
    {
        var line = csv.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("\"EVALSHA", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Unexpected redis-benchmark output: {csv}");
        var f = line.Split(',').Select(s => s.Trim('"')).ToArray();
        double D(int i) => i < f.Length ? double.Parse(f[i], CultureInfo.InvariantCulture) : double.NaN;
        var rps = D(1);
        return new LoadResult
        {
            Name = name,
            Target = "redis-lua",
            Mode = "closed",
            Concurrency = concurrency,
            Requests = count,
            Accepted = sold,
            Rejected = count - sold,
            Failed = 0,
            Seconds = count / rps,
            P50Ms = D(4),
            P90Ms = double.NaN,
            P99Ms = D(6),
            P999Ms = double.NaN,
            Sold = sold,
            Oversold = 0,
            Note = "figures from redis-benchmark --csv, which reports p50, p95 and p99 only (p90 and p99.9: n/a); bounded by --count (60,000 per second of --duration at most)",
        };
    }

    private static async Task<bool> EnsureInstalledAsync()
    {
        if (await OnPathAsync("redis-server") && await OnPathAsync("redis-benchmark"))
        {
            return true;
        }

        Console.WriteLine("redis-server or redis-benchmark missing: trying apt-get install -y redis-server redis-tools");
        await RunAsync("apt-get", ["update", "-qq"], TimeSpan.FromMinutes(5));
        await RunAsync("apt-get", ["install", "-y", "-qq", "redis-server", "redis-tools"], TimeSpan.FromMinutes(5));
        return await OnPathAsync("redis-server") && await OnPathAsync("redis-benchmark");
    }

    private static async Task<bool> OnPathAsync(string tool)
    {
        try
        {
            return (await RunAsync("sh", ["-c", $"command -v {tool}"])).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out: " + await error);
        }

        return (process.ExitCode, await output + await error);
    }

    private static LoadResult Skipped(string name, int concurrency, string reason)
    {
        Console.WriteLine($"Redis baseline skipped: {reason}");
        return new LoadResult
        {
            Name = name, Target = "redis-lua", Mode = "closed", Concurrency = concurrency, Requests = 0, Accepted = 0, Rejected = 0, Failed = 0,
            Seconds = 0, P50Ms = double.NaN, P90Ms = double.NaN, P99Ms = double.NaN, P999Ms = double.NaN, Note = "skipped: " + reason,
        };
    }
}
