using FlashSale.Runtime.Hosting;
using FlashSale.Runtime.Testing;
using FlashSale.Runtime.Tests.Grains;
using FlashSale.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FlashSale.Runtime.Tests.Cluster;

[Trait("Category", "Integration")]
public sealed class HostedClusterClientTests
{
    [Fact]
    public async Task UseClusterClient_StaticGateways_CallsGrains()
    {
        await using var cluster = new TestClusterBuilder(2).AddSiloBuilderConfigurator<DefaultSiloConfigurator>().Build();
        await cluster.DeployAsync();
        using var host = new HostBuilder()
            .UseClusterClient(o =>
            {
                o.ClusterId = cluster.Options.ClusterId;
                o.Gateways = [.. cluster.Silos.Select(s => s.GatewayEndpoint!.ToString())];
            })
            .Build();
        await host.StartAsync();

        var client = host.Services.GetRequiredService<IClusterClient>();

        Assert.Equal("hi", await client.GetGrain<IEchoGrain>("hosted").Echo("hi"));
        await host.StopAsync();
    }

    [Fact]
    public async Task UseClusterClient_NoGatewayReachable_FailsStartWithClearError()
    {
        using var host = new HostBuilder()
            .UseClusterClient(o =>
            {
                o.ClusterId = "nobody";
                o.Gateways = ["127.0.0.1:1"];
                o.ConnectTimeout = TimeSpan.FromSeconds(1);
            })
            .Build();

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => host.StartAsync());

        Assert.Contains("gateway", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UseClusterClient_GatewaysFromMembershipTable_CallsGrains()
    {
        await using var cluster = new TestClusterBuilder(2).AddSiloBuilderConfigurator<DefaultSiloConfigurator>().Build();
        await cluster.DeployAsync();
        using var host = new HostBuilder()
            .ConfigureServices(s => s.AddSingleton<FlashSale.Runtime.Membership.IMembershipTable>(cluster.SharedProviders.MembershipTable))
            .UseClusterClient(o => o.ClusterId = cluster.Options.ClusterId)
            .Build();
        await host.StartAsync();

        var client = (Client.ClusterClient)host.Services.GetRequiredService<IClusterClient>();

        Assert.Equal("table", await client.GetGrain<IEchoGrain>("from-table").Echo("table"));
        await Wait.UntilAsync(() => client.ConnectedGateways.Count == 2, "the client to connect to both gateways in the table");
        await host.StopAsync();
    }
}
