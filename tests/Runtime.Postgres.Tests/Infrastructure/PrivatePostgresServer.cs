using System.Diagnostics;

namespace FlashSale.Runtime.Postgres.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of the test's own (own data directory under the temp folder, own free port on 127.0.0.1),
/// run through scripts/postgres.sh so that a test may stop and start it. Deleted on dispose.
/// </summary>
public sealed class PrivatePostgresServer : IAsyncDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    private PrivatePostgresServer(string directory, string connectionString)
    {
        Directory = directory;
        ConnectionString = connectionString;
    }

    public string Directory { get; }

    public string ConnectionString { get; }

    /// <summary>Initializes and starts a new server.</summary>
    public static async Task<PrivatePostgresServer> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"flashsale-pg-{Guid.NewGuid():N}"[..24]);
        var connectionString = await RunAsync("start", directory);
        return new PrivatePostgresServer(directory, connectionString);
    }

    /// <summary>Stops the server (fast shutdown: committed writes are kept).</summary>
    public Task StopAsync() => RunAsync("stop", Directory);

    /// <summary>Starts the stopped server again, on the same port with the same data.</summary>
    public async Task RestartAsync()
    {
        var connectionString = await RunAsync("start", Directory);
        Assert.Equal(ConnectionString, connectionString);
    }

    public async ValueTask DisposeAsync() => await RunAsync("destroy", Directory);

    private static async Task<string> RunAsync(string command, string directory)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(PostgresEnvironment.RepositoryRoot, "scripts", "postgres.sh"));
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(directory);
        start.Environment.Remove("FLASHSALE_PG_PORT");
        start.Environment.Remove("FLASHSALE_PG_DIR");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/postgres.sh {command} {directory} did not finish within {ScriptTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/postgres.sh {command} {directory} failed ({process.ExitCode}): {await stderr}");
        }

        return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? string.Empty;
    }
}
