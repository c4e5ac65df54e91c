using System.Net;
using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Networking;
using FlashSale.Runtime.Tests.Grains;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.Runtime.Tests.Networking;

/// <summary>A <see cref="GatewayClientConnector"/> whose completions signal test proxies.</summary>
internal sealed class TestClient : IAsyncDisposable
{
    private readonly ProxyRuntime _runtime;

    public TestClient(IReadOnlyList<IPEndPoint> gateways, string clusterId = TestSilo.DefaultClusterId, Action<NetworkingOptions>? configure = null)
        : this(() => gateways, clusterId, configure)
    {
    }

    public TestClient(Func<IReadOnlyList<IPEndPoint>> gateways, string clusterId = TestSilo.DefaultClusterId, Action<NetworkingOptions>? configure = null)
    {
        var networking = new NetworkingOptions { ConnectTimeout = TimeSpan.FromSeconds(2), GatewayReconnectMinDelay = TimeSpan.FromMilliseconds(50) };
        configure?.Invoke(networking);
        Assert.Empty(networking.Validate());
        var messaging = new MessagingOptions();
        _runtime = new ProxyRuntime(TimeProvider.System, messaging.ResponseTimeout, r => Connector!.SendRequest(r));
        Connector = new GatewayClientConnector(
            clusterId,
            _ => Task.FromResult(gateways()),
            static r => r.TrySignal(),
            _runtime,
            networking,
            messaging,
            TimeProvider.System,
            NullLoggerFactory.Instance);
    }

    public GatewayClientConnector Connector { get; }

    public IEchoGrain Echo(string key = "k") => _runtime.Get<IEchoGrain>(key);

    public Task StartAsync() => Connector.StartAsync(CancellationToken.None);

    public async ValueTask DisposeAsync() => await Connector.DisposeAsync();
}
