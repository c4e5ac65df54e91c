using System.Net.Http.Headers;
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

namespace FlashSale.Client.Api.Tests;

/// <summary>A two-silo cluster with the flash-sale grains, and the API gateway on a loopback port in front of it.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key";

    public static readonly TimeSpan PaymentWindow = TimeSpan.FromSeconds(2);

    public TestCluster Cluster { get; private set; } = null!;

    public InMemoryOrderStore Orders { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    private WebApplication _app = null!;

    /// <summary>The gateway's services (its switchboard copy, rate limiter, presence).</summary>
    public IServiceProvider GatewayServices => _app.Services;

    public async Task InitializeAsync()
    {
        Cluster = new TestClusterBuilder(2)
            .ConfigureSilos(silo =>
            {
                silo.AddMemoryGrainStorageAsDefault().UseInMemoryReminderService();
                silo.Services.AddSingleton(Orders);
                silo.AddFlashSale(o =>
                {
                    o.ReplicaRefreshPeriod = TimeSpan.FromMilliseconds(100);
                    o.PaymentWindow = PaymentWindow;
                });
            })
            .Build();
        await Cluster.DeployAsync();
        (_app, var address) = await StartGatewayAsync(Cluster, AdminKey);
        Http = new HttpClient { BaseAddress = address };
        Admin = new HttpClient { BaseAddress = address };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    /// <summary>Starts a gateway in front of <paramref name="cluster"/>; <paramref name="extraSettings"/> are added to (and override) its configuration.</summary>
    public static async Task<(WebApplication App, Uri Address)> StartGatewayAsync(
        TestCluster cluster,
        string? adminKey,
        IReadOnlyDictionary<string, string?>? extraSettings = null,
        Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        logging?.Invoke(builder.Logging);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var settings = new Dictionary<string, string?>
        {
            ["Client:ClusterId"] = cluster.Options.ClusterId,
            ["FlashSale:Gateway:ViewCacheTtl"] = "00:00:00.050",
            ["FlashSale:Admin:Key"] = adminKey ?? string.Empty,

            // These tests replay one buyer many times a second; the buyer limit has tests of its own.
            ["FlashSale:RateLimits:BuyerPurchasesPerSecond"] = "10000",
            ["FlashSale:Switches:PollPeriod"] = "00:00:00.100",
        };
        var gateways = cluster.Silos.Select(s => s.GatewayEndpoint!.ToString()).ToList();
        for (var i = 0; i < gateways.Count; i++)
        {
            settings[$"Client:Gateways:{i}"] = gateways[i];
        }

        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddFlashSaleGateway();
        var app = builder.Build();
        app.MapFlashSaleGateway();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // Tests that expect a refused configuration get the exception; the half-built host goes away.
            await app.DisposeAsync();
            throw;
        }

        return (app, new Uri(app.Urls.First()));
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
