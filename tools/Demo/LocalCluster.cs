using FlashSale.Client.Api.Hosting;
using FlashSale.Grains.Hosting;
using FlashSale.Grains.Orders;
using FlashSale.Runtime.Hosting;
using FlashSale.Runtime.Postgres;
using FlashSale.Runtime.Postgres.Hosting;
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

    private LocalCluster(TestCluster cluster, WebApplication gateway, Uri address)
    {
        Cluster = cluster;
        Gateway = gateway;
        Address = address;
    }

    public TestCluster Cluster { get; }

    public WebApplication Gateway { get; }

    public Uri Address { get; }

    /// <summary>The order log as the silos see it (memory or PostgreSQL).</summary>
    public IOrderLog Orders => Cluster.ActiveSilos[0].ServiceProvider.GetRequiredService<IOrderLog>();

    /// <summary>Starts the cluster; with a PostgreSQL connection string, state, reminders and orders live there.</summary>
    public static async Task<LocalCluster> StartAsync(string? postgres)
    {
        var orders = new InMemoryOrderStore();
        var schema = "demo_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var cluster = new TestClusterBuilder(4)
            .WithDatacenters("dc1", "dc1", "dc2", "dc2")
            .ConfigureSilos(silo =>
            {
                silo.Services.AddSingleton(orders);
                silo.AddFlashSale();
                if (postgres is null)
                {
                    silo.AddMemoryGrainStorageAsDefault().UseInMemoryReminderService();
                    return;
                }

                void Configure(PostgresOptions o)
                {
                    o.ConnectionString = postgres;
                    o.Schema = schema;
                }

                silo.AddPostgresGrainStorageAsDefault(Configure).UsePostgresReminderService(Configure).UsePostgresOrderLog(Configure);
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
        return new LocalCluster(cluster, gateway, new Uri(gateway.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.StopAsync();
        await Gateway.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
