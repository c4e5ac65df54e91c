using System.Net;
using FlashSale.Runtime.Tests.Infrastructure;

namespace FlashSale.Runtime.Tests.Networking;

[Trait("Category", "Integration")]
public sealed class GatewayClientConnectorTests
{
    [Fact]
    public async Task SendRequest_TwoGateways_SpreadsRoundRobin()
    {
        await using var s1 = await TestSilo.StartAsync();
        await using var s2 = await TestSilo.StartAsync();
        await using var client = new TestClient([s1.Center.GatewayEndpoint!, s2.Center.GatewayEndpoint!]);
        await client.StartAsync().WaitAsync(Wait.DefaultTimeout);

        Assert.Equal(2, client.Connector.ConnectedGateways.Count);
        Assert.Contains(s1.Address, client.Connector.ConnectedGateways);
        Assert.Contains(s2.Address, client.Connector.ConnectedGateways);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(i * 2, await client.Echo().Add(i, i).AsTask().WaitAsync(Wait.DefaultTimeout));
        }

        Assert.Equal(10, s1.Handler.Received);
        Assert.Equal(10, s2.Handler.Received);
    }

    [Fact]
    public async Task GatewayStops_PendingFailAndNewRequestsFailOver()
    {
        var s1 = await TestSilo.StartAsync();
        await using var s2 = await TestSilo.StartAsync();
        await using var client = new TestClient([s1.Center.GatewayEndpoint!, s2.Center.GatewayEndpoint!]);
        await client.StartAsync().WaitAsync(Wait.DefaultTimeout);
        s1.Handler.Answer = false;
        var calls = Enumerable.Range(0, 10).Select(i => client.Echo().Add(i, 1).AsTask()).ToList();
        await Wait.UntilAsync(() => s1.Handler.Received == 5, "half of the requests to reach the first gateway");

        await s1.DisposeAsync();

        var failed = 0;
        foreach (var call in calls)
        {
            try
            {
                await call.WaitAsync(Wait.DefaultTimeout);
            }
            catch (SiloUnavailableException)
            {
                failed++;
            }
        }

        Assert.Equal(5, failed);
        await Wait.UntilAsync(() => client.Connector.ConnectedGateways.Count == 1, "the client to drop the stopped gateway");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(i + 1, await client.Echo().Add(i, 1).AsTask().WaitAsync(Wait.DefaultTimeout));
        }

        Assert.Equal(15, s2.Handler.Received);
        Assert.Equal(0, client.Connector.PendingRequestCount);
    }

    [Fact]
    public async Task GatewayComesBack_ClientReconnectsInBackground()
    {
        var s1 = await TestSilo.StartAsync();
        var gatewayPort = s1.Center.GatewayEndpoint!.Port;
        await using var client = new TestClient([s1.Center.GatewayEndpoint!]);
        await client.StartAsync().WaitAsync(Wait.DefaultTimeout);
        await s1.DisposeAsync();
        await Wait.UntilAsync(() => client.Connector.ConnectedGateways.Count == 0, "the client to notice the gateway is gone");

        await using var restarted = await TestSilo.StartAsync(gatewayPort: gatewayPort);

        await Wait.UntilAsync(() => client.Connector.ConnectedGateways.Count == 1, "the client to reconnect");
        Assert.Equal(restarted.Address, client.Connector.ConnectedGateways[0]);
        Assert.Equal(7, await client.Echo().Add(3, 4).AsTask().WaitAsync(Wait.DefaultTimeout));
    }

    [Fact]
    public async Task OnlyGatewayDies_ClientFindsGatewayThatJoinedSince()
    {
        var s1 = await TestSilo.StartAsync();
        IPEndPoint[] listed = [s1.Center.GatewayEndpoint!];
        await using var client = new TestClient(() => Volatile.Read(ref listed));
        await client.StartAsync().WaitAsync(Wait.DefaultTimeout);
        await using var s2 = await TestSilo.StartAsync();
        Volatile.Write(ref listed, [s1.Center.GatewayEndpoint!, s2.Center.GatewayEndpoint!]);

        s1.Center.Abort();

        await Wait.UntilAsync(() => client.Connector.ConnectedGateways.Contains(s2.Address), "the client to connect to the new gateway");
        Assert.Equal(9, await client.Echo().Add(4, 5).AsTask().WaitAsync(Wait.DefaultTimeout));
        await s1.DisposeAsync();
    }

    [Fact]
    public async Task StartAsync_NoGatewayReachable_FailsListingEndpointsTried()
    {
        var first = new IPEndPoint(IPAddress.Loopback, SiloMessageCenterTests.FreePort());
        var second = new IPEndPoint(IPAddress.Loopback, SiloMessageCenterTests.FreePort());
        await using var client = new TestClient([first, second]);

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => client.StartAsync().WaitAsync(Wait.DefaultTimeout));

        Assert.Contains("No gateway is reachable", error.Message, StringComparison.Ordinal);
        Assert.Contains(first.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(second.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_RetriedAfterGatewayComesUp_Connects()
    {
        var port = SiloMessageCenterTests.FreePort();
        await using var client = new TestClient([new IPEndPoint(IPAddress.Loopback, port)]);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => client.StartAsync().WaitAsync(Wait.DefaultTimeout));

        await using var s1 = await TestSilo.StartAsync(gatewayPort: port);
        await client.StartAsync().WaitAsync(Wait.DefaultTimeout);
        await client.StartAsync().WaitAsync(Wait.DefaultTimeout);

        Assert.Equal(3, await client.Echo().Add(1, 2).AsTask().WaitAsync(Wait.DefaultTimeout));
        Assert.Equal(1, client.Connector.Counters.ConnectionsOpened);
        Assert.Single(client.Connector.ConnectedGateways);
    }

    [Fact]
    public async Task SendRequest_AllGatewaysGone_FailsAtOnceWithClearError()
    {
        var s1 = await TestSilo.StartAsync();
        var endpoint = s1.Center.GatewayEndpoint!;
        await using var client = new TestClient([endpoint], configure: o => (o.GatewayReconnectMinDelay, o.GatewayReconnectMaxDelay) = (TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)));
        await client.StartAsync().WaitAsync(Wait.DefaultTimeout);
        await s1.DisposeAsync();
        await Wait.UntilAsync(() => client.Connector.ConnectedGateways.Count == 0, "the client to notice the gateway is gone");

        var call = client.Echo().Add(1, 1).AsTask();

        Assert.True(call.IsCompleted);
        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => call);
        Assert.Contains("No gateway is reachable", error.Message, StringComparison.Ordinal);
        Assert.Contains(endpoint.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_OtherCluster_Refused()
    {
        await using var s1 = await TestSilo.StartAsync(clusterId: "blue");
        await using var client = new TestClient([s1.Center.GatewayEndpoint!], clusterId: "green");

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => client.StartAsync().WaitAsync(Wait.DefaultTimeout));

        Assert.Contains("cluster", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, s1.Handler.Received);
    }

    [Fact]
    public async Task SendRequest_GrainThrows_ExceptionKeepsTypeAndMessage()
    {
        await using var s1 = await TestSilo.StartAsync();
        await using var client = new TestClient([s1.Center.GatewayEndpoint!]);
        await client.StartAsync().WaitAsync(Wait.DefaultTimeout);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.Echo().Throw("paused").WaitAsync(Wait.DefaultTimeout));

        Assert.Equal("paused", error.Message);
    }
}
