using System.Globalization;
using FlashSale.LoadGen;
using FlashSale.Runtime.Hosting;
using FlashSale.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Benchmarks;

/// <summary>
/// Cross-process figures: two silos in separate processes on loopback (development clustering), 64 closed-loop
/// callers over 1,000 grains: in-silo calls (the local figure of the same run), silo-to-silo calls (every call
/// crosses processes), and client-to-silo calls through a gateway.
/// </summary>
internal static class ClusterBenchmark
{
    public const string LocalDatacenter = "local";
    public const string RemoteDatacenter = "remote";
    private const int Callers = 64;
    private const int Grains = 1000;

    public static async Task RunAsync(int seconds, bool write)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        var warmup = TimeSpan.FromSeconds(Math.Max(1, seconds / 2));
        var (siloA, gatewayA, siloB, gatewayB) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), FreePorts.Next());

        using var local = BenchSilo.Clustered(LocalDatacenter, siloA, gatewayA, siloA);
        await local.StartAsync();
        await using var remote = await RemoteSiloProcess.StartAsync(siloB, gatewayB, siloA, TimeSpan.FromSeconds(60));
        var membership = local.Services.GetRequiredService<IClusterMembershipService>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (membership.CurrentSnapshot.ActiveMembers.Count < 2)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The second silo did not join in time.");
            }

            await membership.RefreshAsync();
            await Task.Delay(100);
        }

        using var clientHost = new HostBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .UseClusterClient(o =>
            {
                o.ClusterId = "bench";
                o.Gateways = [$"127.0.0.1:{gatewayB}"];
            })
            .Build();
        await clientHost.StartAsync();

        var factory = local.Services.GetRequiredService<IGrainFactory>();
        var client = clientHost.Services.GetRequiredService<IClusterClient>();
        var localGrains = Enumerable.Range(0, Grains).Select(i => factory.GetGrain<ILocalBenchGrain>(i)).ToArray();
        var remoteGrains = Enumerable.Range(0, Grains).Select(i => factory.GetGrain<IRemoteBenchGrain>(i)).ToArray();
        var viaGateway = Enumerable.Range(0, Grains).Select(i => client.GetGrain<IRemoteBenchGrain>(i + Grains)).ToArray();
        await Task.WhenAll(localGrains.Select(g => g.Add(0).AsTask()).Concat(remoteGrains.Select(g => g.Add(0).AsTask())).Concat(viaGateway.Select(g => g.Add(0).AsTask())));

        var inSilo = await LoadDriver.RunAsync("in-silo (same process)", Callers, Grains, t => localGrains[t].Add(1), warmup, duration, 50_000_000);
        var crossSilo = await LoadDriver.RunAsync("silo to silo (other process)", Callers, Grains, t => remoteGrains[t].Add(1), warmup, duration, 50_000_000);
        var gateway = await LoadDriver.RunAsync("client through gateway", Callers, Grains, t => viaGateway[t].Add(1), warmup, duration, 50_000_000);
        foreach (var r in new[] { inSilo, crossSilo, gateway })
        {
            Console.WriteLine($"{r.System,-30} {r.CallsPerSecond,12:N0}/s p50 {r.P50Micros,8:N1}µs p99 {r.P99Micros,8:N1}µs {r.BytesPerCall,6:N0} B/call (this process)");
        }

        await clientHost.StopAsync();
        await local.StopAsync();

        if (write)
        {
            var body = $"""
                ## Cross-process calls (issue: cluster)

                - Date: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC
                - Machine: {ResultsMarkdown.Machine()}
                - Command: `dotnet run -c Release --project bench/Runtime.Benchmarks -- cluster --seconds {seconds}`
                - Setup: two silos in two processes on loopback (development clustering), {Callers} closed-loop callers over {Grains:N0}
                  grains, `ValueTask<int> Add(int)`. Grains are pinned by datacenter so that every "silo to silo" call crosses processes;
                  the client connects to the second silo's gateway only. Bytes per call count the driving process only.

                {ResultsFile.Table([inSilo, crossSilo, gateway], r => (r.CallsPerSecond / inSilo.CallsPerSecond).ToString("N3", CultureInfo.InvariantCulture), "ratio to in-silo")}

                Target: at least 100,000 cross-process calls/s: {crossSilo.CallsPerSecond:N0} silo to silo ({(crossSilo.CallsPerSecond >= 100_000 ? "met" : "missed")}),
                {gateway.CallsPerSecond:N0} client through gateway ({(gateway.CallsPerSecond >= 100_000 ? "met" : "missed")}).
                """;
            ResultsMarkdown.WriteSection("cluster-benchmarks", body);
        }
    }
}
