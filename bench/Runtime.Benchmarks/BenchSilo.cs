using System.Net;
using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Benchmarks;

/// <summary>Builds the silos the benchmarks run on.</summary>
internal static class BenchSilo
{
    /// <summary>A silo without clustering (a cluster of one).</summary>
    public static IHost Standalone() => new HostBuilder()
        .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
        .UseSilo(_ => { })
        .Build();

    /// <summary>A silo of a development cluster whose membership table lives on the silo at <paramref name="primarySiloPort"/>.</summary>
    public static IHost Clustered(string datacenter, int siloPort, int gatewayPort, int primarySiloPort) => new HostBuilder()
        .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
        .UseSilo(silo => silo
            .Configure<SiloOptions>(o =>
            {
                o.ClusterId = "bench";
                o.Datacenter = datacenter;
                o.SiloPort = siloPort;
                o.GatewayPort = gatewayPort;
                o.SiloName = datacenter;
            })
            .UseDevelopmentClustering(new IPEndPoint(IPAddress.Loopback, primarySiloPort)))
        .Build();
}
