using System.Net;
using System.Net.Sockets;
using FlashSale.Runtime.Serialization;
using FlashSale.Runtime.Testing;
using FlashSale.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Tests.Networking;

[Trait("Category", "Integration")]
public sealed class SiloMessageCenterTests
{
    [Fact]
    public async Task SendRequest_TenThousandConcurrent_AllCompleteWithRightResults()
    {
        await using var a = await TestSilo.StartAsync();
        await using var b = await TestSilo.StartAsync();
        var grain = a.EchoOn(b);

        var calls = new Task<int>[10_000];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = grain.Add(i, 1).AsTask();
        }

        var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(i + 1, results[i]);
        }

        Assert.Equal(10_000, b.Handler.Received);
        Assert.Equal(0, a.Center.PendingRequestCount);
        Assert.Equal(1, a.Center.Counters.ConnectionsOpen);
        Assert.True(a.Center.Counters.FramesSent > 10_000);
        Assert.True(b.Center.Counters.FramesReceived > 10_000);

        // Frames queued together go out in one flush.
        Assert.True(a.Center.Counters.Flushes < a.Center.Counters.FramesSent, $"{a.Center.Counters.Flushes} flushes for {a.Center.Counters.FramesSent} frames");
    }

    [Fact]
    public async Task SendRequest_StringArgument_RoundTrips()
    {
        await using var a = await TestSilo.StartAsync();
        await using var b = await TestSilo.StartAsync();

        Assert.Equal("héllo, 秒杀", await a.EchoOn(b).Echo("héllo, 秒杀").WaitAsync(Wait.DefaultTimeout));
    }

    [Fact]
    public async Task SendRequest_OneWay_DeliveredAndNotTracked()
    {
        await using var a = await TestSilo.StartAsync();
        await using var b = await TestSilo.StartAsync();

        await a.EchoOn(b).Fire("go").WaitAsync(Wait.DefaultTimeout);

        Assert.Equal(0, a.Center.PendingRequestCount);
        await Wait.UntilAsync(() => b.Handler.Received == 1, "the one-way request to arrive");
        Assert.Equal(1, b.Center.Counters.FramesSent); // its hello: no response to a one-way call
    }

    [Fact]
    public async Task SendRequest_GrainThrows_ExceptionKeepsTypeAndMessage()
    {
        await using var a = await TestSilo.StartAsync();
        await using var b = await TestSilo.StartAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => a.EchoOn(b).Throw("sold out").WaitAsync(Wait.DefaultTimeout));

        Assert.Equal("sold out", error.Message);
    }

    [Fact]
    public async Task PeerDies_PendingRequestsFailWithSiloUnavailableQuickly()
    {
        await using var a = await TestSilo.StartAsync();
        var b = await TestSilo.StartAsync();
        b.Handler.Answer = false;
        var grain = a.EchoOn(b);
        var calls = Enumerable.Range(0, 100).Select(i => grain.Add(i, i).AsTask()).ToList();
        await Wait.UntilAsync(() => b.Handler.Received == 100, "the peer to receive every request");

        b.Center.Abort();

        foreach (var call in calls)
        {
            await Assert.ThrowsAsync<SiloUnavailableException>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));
        }

        Assert.Equal(0, a.Center.PendingRequestCount);
        await b.DisposeAsync();
    }

    [Fact]
    public async Task SendRequest_AfterConnectionDropped_Reconnects()
    {
        await using var a = await TestSilo.StartAsync();
        await using var b = await TestSilo.StartAsync();
        var grain = a.EchoOn(b);
        Assert.Equal(2, await grain.Add(1, 1).AsTask().WaitAsync(Wait.DefaultTimeout));
        b.Handler.Answer = false;
        var pending = grain.Add(2, 2).AsTask();
        await Wait.UntilAsync(() => b.Handler.Received == 2, "the second request to arrive");

        // B drops its side of the connection (without declaring A dead).
        Assert.Equal(1, b.Center.CloseConnections(a.Address, new IOException("test drop")));

        await Assert.ThrowsAsync<SiloUnavailableException>(() => pending.WaitAsync(Wait.DefaultTimeout));
        b.Handler.Answer = true;
        Assert.Equal(6, await grain.Add(3, 3).AsTask().WaitAsync(Wait.DefaultTimeout));
        Assert.Equal(2, a.Center.Counters.ConnectionsOpened);
    }

    [Fact]
    public async Task SendRequest_PastDeadline_FailsWithTimeoutException()
    {
        var time = new ManualTimeProvider();
        await using var a = await TestSilo.StartAsync(time);
        await using var b = await TestSilo.StartAsync(time);
        b.Handler.Answer = false;

        var call = a.EchoOn(b).Add(1, 2).AsTask();
        await Wait.UntilAsync(() => b.Handler.Received == 1, "the request to arrive");
        time.AdvanceSeconds(29);
        Assert.False(call.IsCompleted);
        time.AdvanceSeconds(2);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => call.WaitAsync(Wait.DefaultTimeout));
        Assert.Contains("Add", error.Message, StringComparison.Ordinal);
        Assert.Contains(b.Address.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(0, a.Center.PendingRequestCount);
        Assert.Equal(1, a.Center.Counters.TimedOutRequests);
    }

    [Fact]
    public async Task ReceivedRequest_DeadlineRebasedOnReceiverClock()
    {
        var senderTime = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var receiverTime = new ManualTimeProvider(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var a = await TestSilo.StartAsync(senderTime);
        await using var b = await TestSilo.StartAsync(receiverTime);
        b.Handler.Answer = false;

        _ = a.EchoOn(b).Add(1, 2).AsTask();
        await Wait.UntilAsync(() => b.Handler.Received == 1, "the request to arrive");

        Assert.True(b.Handler.Held.TryPeek(out var received));
        var remaining = TimeSpan.FromSeconds((received.Deadline - receiverTime.GetTimestamp()) / (double)receiverTime.TimestampFrequency);
        Assert.InRange(remaining, TimeSpan.FromSeconds(29), TimeSpan.FromSeconds(30.01));
        Assert.Equal(a.Address, received.SendingSilo);
        Assert.IsAssignableFrom<Messaging.IResponseSink>(received.ReplyTo);
    }

    [Fact]
    public async Task DropFilter_OnSend_RequestNeverArrivesAndTimesOut()
    {
        var time = new ManualTimeProvider();
        await using var a = await TestSilo.StartAsync(time);
        await using var b = await TestSilo.StartAsync(time);
        Assert.Equal(3, await a.EchoOn(b).Add(1, 2).AsTask().WaitAsync(Wait.DefaultTimeout));
        a.Center.DropFilter = (from, to) => from == a.Address && to == b.Address;

        var call = a.EchoOn(b).Add(2, 2).AsTask();
        time.AdvanceSeconds(31);

        await Assert.ThrowsAsync<TimeoutException>(() => call.WaitAsync(Wait.DefaultTimeout));
        Assert.Equal(1, b.Handler.Received);
        Assert.Equal(1, a.Center.Counters.DroppedFrames);
    }

    [Fact]
    public async Task DropFilter_OnReceive_IsolatesSenderBothWays()
    {
        var time = new ManualTimeProvider();
        await using var a = await TestSilo.StartAsync(time);
        await using var b = await TestSilo.StartAsync(time);
        Assert.Equal(3, await a.EchoOn(b).Add(1, 2).AsTask().WaitAsync(Wait.DefaultTimeout));
        Assert.Equal(3, await b.EchoOn(a).Add(1, 2).AsTask().WaitAsync(Wait.DefaultTimeout));

        // Only B applies the filter: A's requests are dropped on arrival, and so are the responses to B's.
        b.Center.DropFilter = (from, to) => from == a.Address || to == a.Address;
        var fromA = a.EchoOn(b).Add(2, 2).AsTask();
        var fromB = b.EchoOn(a).Add(2, 2).AsTask();
        await Wait.UntilAsync(() => b.Center.Counters.DroppedFrames >= 2, "both frames to be dropped");
        time.AdvanceSeconds(31);

        await Assert.ThrowsAsync<TimeoutException>(() => fromA.WaitAsync(Wait.DefaultTimeout));
        await Assert.ThrowsAsync<TimeoutException>(() => fromB.WaitAsync(Wait.DefaultTimeout));
        Assert.Equal(1, b.Handler.Received);
    }

    [Fact]
    public async Task DisconnectFrom_FailsPendingAndLaterSends()
    {
        await using var a = await TestSilo.StartAsync();
        await using var b = await TestSilo.StartAsync();
        b.Handler.Answer = false;
        var pending = a.EchoOn(b).Add(1, 1).AsTask();
        await Wait.UntilAsync(() => b.Handler.Received == 1, "the request to arrive");

        a.Center.DisconnectFrom(b.Address);

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => pending.WaitAsync(Wait.DefaultTimeout));
        Assert.Contains("declared dead", error.Message, StringComparison.Ordinal);
        var later = a.EchoOn(b).Add(1, 1).AsTask();
        Assert.True(later.IsCompleted);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => later);
    }

    [Fact]
    public async Task StopAsync_FailsPendingRequestsWithSiloUnavailable()
    {
        var a = await TestSilo.StartAsync();
        await using var b = await TestSilo.StartAsync();
        b.Handler.Answer = false;
        var pending = a.EchoOn(b).Add(1, 1).AsTask();
        await Wait.UntilAsync(() => b.Handler.Received == 1, "the request to arrive");

        await a.Center.StopAsync(CancellationToken.None).WaitAsync(Wait.DefaultTimeout);

        await Assert.ThrowsAsync<SiloUnavailableException>(() => pending.WaitAsync(Wait.DefaultTimeout));
        await Assert.ThrowsAsync<SiloUnavailableException>(() => a.EchoOn(b).Add(1, 1).AsTask());
        await a.DisposeAsync();
    }

    [Fact]
    public async Task SendRequest_UnknownMethod_AnsweredWithErrorAndConnectionStays()
    {
        await using var a = await TestSilo.StartAsync();
        await using var b = await TestSilo.StartAsync();
        var request = new UnknownMethodRequest { Argument = 5, TargetGrain = GrainId.Create("echo", "k"), Deadline = a.Time.GetTimestamp() + a.Time.TimestampFrequency * 30 };

        a.Center.SendRequest(b.Address, request);

        var error = await Assert.ThrowsAsync<SerializationException>(() => request.AsValueTask().AsTask().WaitAsync(Wait.DefaultTimeout));
        Assert.Contains("NoSuchMethod", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, await a.EchoOn(b).Add(1, 2).AsTask().WaitAsync(Wait.DefaultTimeout));
        Assert.Equal(1, b.Center.Counters.RejectedRequests);
        Assert.Equal(0, b.Center.Counters.MalformedFrames);
        Assert.Equal(1, a.Center.Counters.ConnectionsOpened);
    }

    [Fact]
    public async Task SendRequest_OtherCluster_RefusedWithSiloUnavailable()
    {
        await using var a = await TestSilo.StartAsync(clusterId: "blue");
        await using var b = await TestSilo.StartAsync(clusterId: "green");

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => a.EchoOn(b).Add(1, 1).AsTask().WaitAsync(Wait.DefaultTimeout));

        Assert.Contains("cluster", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, b.Handler.Received);
    }

    [Fact]
    public async Task SendRequest_SiloRestartedOnSameEndpoint_RefusedAsWrongGeneration()
    {
        await using var a = await TestSilo.StartAsync();
        await using var b = await TestSilo.StartAsync();
        var stale = new SiloAddress(b.Address.Endpoint, b.Address.Generation - 1);

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => a.EchoOn(stale).Add(1, 1).AsTask().WaitAsync(Wait.DefaultTimeout));

        Assert.Contains("restarted", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, b.Handler.Received);
    }

    [Fact]
    public async Task SendRequest_NothingListening_FailsWithSiloUnavailable()
    {
        await using var a = await TestSilo.StartAsync();
        var nobody = new SiloAddress(new IPEndPoint(IPAddress.Loopback, FreePort()), 1);

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => a.EchoOn(nobody).Add(1, 1).AsTask().WaitAsync(Wait.DefaultTimeout));

        Assert.Contains("Could not connect", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_PortInUse_FailsNamingThePort()
    {
        await using var a = await TestSilo.StartAsync();
        var port = a.Center.SiloEndpoint!.Port;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestSilo.StartAsync(siloPort: port));

        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Contains("in use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_GatewayDisabled_ListensOnSiloPortOnly()
    {
        await using var a = await TestSilo.StartAsync(gatewayPort: -1);

        Assert.Null(a.Center.GatewayEndpoint);
        Assert.NotEqual(0, a.Address.Endpoint.Port);
        Assert.Equal(a.Center.SiloEndpoint!.Port, a.Address.Endpoint.Port);
    }

    [Fact]
    public async Task ConnectionLifecycle_IsLogged()
    {
        var logs = new LogCapture();
        await using var a = await TestSilo.StartAsync(loggerFactory: logs);
        await using var b = await TestSilo.StartAsync();

        await a.EchoOn(b).Add(1, 1).AsTask().WaitAsync(Wait.DefaultTimeout);

        Assert.True(logs.Has(LogLevel.Information, 610));
        Assert.True(logs.Has(LogLevel.Debug, 601));
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
