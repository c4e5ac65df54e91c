using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Networking;
using FlashSale.Runtime.Tests.Grains;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace FlashSale.Runtime.Tests.Networking;

/// <summary>A <see cref="SiloMessageCenter"/> on 127.0.0.1 with free ports and a <see cref="FakeRequestHandler"/>.</summary>
internal sealed class TestSilo : IAsyncDisposable
{
    public const string DefaultClusterId = "net-test";

    private TestSilo(SiloMessageCenter center, FakeRequestHandler handler, TimeProvider time, string clusterId)
    {
        Center = center;
        Handler = handler;
        Time = time;
        ClusterId = clusterId;
    }

    public SiloMessageCenter Center { get; }

    public FakeRequestHandler Handler { get; }

    public TimeProvider Time { get; }

    public string ClusterId { get; }

    public SiloAddress Address => Center.LocalSilo;

    public static async Task<TestSilo> StartAsync(
        TimeProvider? time = null,
        string clusterId = DefaultClusterId,
        int siloPort = 0,
        int gatewayPort = 0,
        Action<NetworkingOptions>? configure = null,
        ILoggerFactory? loggerFactory = null)
    {
        time ??= TimeProvider.System;
        var siloOptions = new SiloOptions { ClusterId = clusterId, AdvertisedAddress = "127.0.0.1", SiloPort = siloPort, GatewayPort = gatewayPort };
        var networking = new NetworkingOptions { ConnectionRetryDelay = TimeSpan.Zero };
        configure?.Invoke(networking);
        Assert.Empty(networking.Validate());
        var messaging = new MessagingOptions();
        var handler = new FakeRequestHandler();
        var details = new LocalSiloDetails(MsOptions.Create(siloOptions), time);
        var sessionRuntime = new ProxyRuntime(time, messaging.ResponseTimeout, _ => throw new NotSupportedException());
        var center = new SiloMessageCenter(
            details,
            MsOptions.Create(siloOptions),
            MsOptions.Create(networking),
            MsOptions.Create(messaging),
            handler,
            sessionRuntime,
            time,
            loggerFactory ?? NullLoggerFactory.Instance);
        await center.StartAsync(CancellationToken.None);
        return new TestSilo(center, handler, time, clusterId);
    }

    /// <summary>A proxy whose calls this silo sends to <paramref name="target"/>.</summary>
    public IEchoGrain EchoOn(TestSilo target, string key = "k") => EchoOn(target.Address, key);

    /// <summary>A proxy whose calls this silo sends to <paramref name="target"/> (stamped with this silo as the sender, like the router does).</summary>
    public IEchoGrain EchoOn(SiloAddress target, string key = "k") =>
        new ProxyRuntime(Time, MessagingOptions.DefaultResponseTimeout, r =>
        {
            r.SendingSilo ??= Center.LocalSilo;
            Center.SendRequest(target, r);
        }).Get<IEchoGrain>(key);

    public async ValueTask DisposeAsync() => await Center.DisposeAsync();
}
