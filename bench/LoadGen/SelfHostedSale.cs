using FlashSale.Client.Api.Hosting;
using FlashSale.Grains.Hosting;
using FlashSale.Grains.Orders;
using FlashSale.Runtime;
using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSale.LoadGen;

/// <summary>
/// One silo with the flash-sale grains (order log in memory, or in PostgreSQL), a cluster client over loopback TCP
/// and, on request, the API gateway in the same process: the self-hosted system under test.
/// </summary>
public sealed class SelfHostedSale : IAsyncDisposable
{
    private const string ClusterId = "loadgen";
    private readonly IHost _silo;
    private readonly IHost _client;
    private WebApplication? _gateway;

    private SelfHostedSale(IHost silo, IHost client, int gatewayPort)
    {
        _silo = silo;
        _client = client;
        GatewayPort = gatewayPort;
    }

    public int GatewayPort { get; }

    public IClusterClient Client => _client.Services.GetRequiredService<IClusterClient>();

    public IOrderLog Orders => _silo.Services.GetRequiredService<IOrderLog>();

    public static async Task<SelfHostedSale> StartAsync(string? postgres)
    {
        var (siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next());
        var silo = new HostBuilder()
            .ConfigureAppConfiguration(c => c.AddEnvironmentVariables())
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .UseSilo(s =>
            {
                s.Configure<SiloOptions>(o =>
                    {
                        o.ClusterId = ClusterId;
                        o.SiloPort = siloPort;
                        o.GatewayPort = gatewayPort;
                    })
                    .UseInMemoryClustering()
                    .AddMemoryGrainStorageAsDefault()
                    .UseInMemoryReminderService()
                    .AddFlashSale();
                if (postgres is not null)
                {
                    s.UsePostgresOrderLog(o =>
                    {
                        o.ConnectionString = postgres;
                        o.Schema = "loadgen_" + Guid.NewGuid().ToString("N")[..8];
                    });
                }
            })
            .Build();
        await silo.StartAsync();
        var client = new HostBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .UseClusterClient(o =>
            {
                o.ClusterId = ClusterId;
                o.Gateways = [$"127.0.0.1:{gatewayPort}"];
            })
            .Build();
        await client.StartAsync();
        return new SelfHostedSale(silo, client, gatewayPort);
    }

    /// <summary>Starts the API gateway (a second cluster client) on a free loopback port; returns its base URL.</summary>
    public async Task<string> StartGatewayAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Client:ClusterId"] = ClusterId,
            ["Client:Gateways:0"] = $"127.0.0.1:{GatewayPort}",
        });
        builder.AddFlashSaleGateway();
        _gateway = builder.Build();
        _gateway.MapFlashSaleGateway();
        await _gateway.StartAsync();
        return _gateway.Urls.First();
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            await _gateway.DisposeAsync();
        }

        await _client.StopAsync();
        await _silo.StopAsync();
        _client.Dispose();
        _silo.Dispose();
    }
}
