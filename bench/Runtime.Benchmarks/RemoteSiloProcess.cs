using System.Diagnostics;
using System.Globalization;

namespace FlashSale.Runtime.Benchmarks;

/// <summary>The second silo, in a process of its own: this same program started with <c>--role remote-silo</c>.</summary>
internal sealed class RemoteSiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private RemoteSiloProcess(Process process) => _process = process;

    public static async Task<RemoteSiloProcess> StartAsync(int siloPort, int gatewayPort, int primarySiloPort, TimeSpan timeout)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(RemoteSiloProcess).Assembly.Location);
        }

        foreach (var arg in new[] { "--role", "remote-silo", "--silo-port", Str(siloPort), "--gateway-port", Str(gatewayPort), "--primary-port", Str(primarySiloPort) })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the remote silo process.");
        using var cts = new CancellationTokenSource(timeout);
        while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
        {
            if (line == "READY")
            {
                return new RemoteSiloProcess(process);
            }
        }

        throw new InvalidOperationException($"The remote silo process exited with {process.ExitCode} before it was ready.");
    }

    /// <summary>Runs in the child: hosts the silo until its standard input closes.</summary>
    public static async Task RunAsync(string[] args)
    {
        int Arg(string name) => int.Parse(args[Array.IndexOf(args, name) + 1], CultureInfo.InvariantCulture);
        using var host = BenchSilo.Clustered(ClusterBenchmark.RemoteDatacenter, Arg("--silo-port"), Arg("--gateway-port"), Arg("--primary-port"));
        await host.StartAsync();
        Console.WriteLine("READY");
        await Console.In.ReadToEndAsync();
        await host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
}
