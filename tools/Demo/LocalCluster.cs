using FlashSale.Client.Api.Hosting;
using FlashSale.Grains.Hosting;
using FlashSale.Grains.Orders;
using FlashSale.Runtime.Hosting;
using FlashSale.Runtime.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlashSale.Demo;

/// <summary>Two silos in each of two datacenters, in this process over loopback TCP, and the API gateway in front of them.</summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    public const string AdminKey = "demo-admin-key";

    private LocalCluster(TestCluster cluster, WebApplication gateway, Uri address, InMemoryOrderStore orders)
    {
        Cluster = cluster;
        Gateway = gateway;
        Address = address;
        Orders = orders;
    }

    public TestCluster Cluster { get; }

    public WebApplication Gateway { get; }

    public Uri Address { get; }

    public InMemoryOrderStore Orders { get; }

    public static async Task<LocalCluster> StartAsync()
    {
        var orders = new InMemoryOrderStore();
        var cluster = new TestClusterBuilder(4)
            .WithDatacenters("dc1", "dc1", "dc2", "dc2")
            .ConfigureSilos(silo =>
            {
                silo.AddMemoryGrainStorageAsDefault().UseInMemoryReminderService();
                silo.Services.AddSingleton(orders);
                silo.AddFlashSale();
            })
            .Build();
        await cluster.DeployAsync();

        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var settings = new Dictionary<string, string?>
        {
            ["Client:ClusterId"] = cluster.Options.ClusterId,
            ["FlashSale:Admin:Key"] = AdminKey,
        };
        var silos = cluster.Silos;
        for (var i = 0; i < silos.Count; i++)
        {
            settings[$"Client:Gateways:{i}"] = silos[i].GatewayEndpoint!.ToString();
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddFlashSaleGateway();
        var gateway = builder.Build();
        gateway.MapFlashSaleGateway();
        await gateway.StartAsync();
        return new LocalCluster(cluster, gateway, new Uri(gateway.Urls.First()), orders);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.StopAsync();
        await Gateway.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
