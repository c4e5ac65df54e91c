using System.Diagnostics;

namespace FlashSale.Demo;

/// <summary>
/// The PostgreSQL of <c>--storage postgres</c>: FLASHSALE_POSTGRES when set, else a throwaway local server started
/// with the repository's scripts/postgres.sh (which needs the Debian postgresql package: the test command installs it).
/// </summary>
internal static class PostgresServer
{
    public static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("FLASHSALE_POSTGRES") is { Length: > 0 } url)
        {
            return url;
        }

        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "FlashSale.sln")))
        {
            root = root.Parent;
        }

        var script = Path.Combine(root?.FullName ?? ".", "scripts", "postgres.sh");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add("start");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not run scripts/postgres.sh.");
        var output = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 && output.Length > 0
            ? output
            : throw new InvalidOperationException("scripts/postgres.sh could not start PostgreSQL (is the postgresql package installed? bash scripts/test.sh installs it).");
    }
}
