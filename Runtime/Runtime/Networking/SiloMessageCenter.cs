using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Invocation;
using FlashSale.Runtime.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Networking;

/// <summary>
/// The silo's TCP transport (see the design note in <see cref="MessagingEndpoint"/>). Listens on the silo port
/// for other silos and on the gateway port (unless -1) for clients; connects on demand to other silos, one
/// outbound connection per remote silo, used for this silo's requests and their responses (requests from that
/// silo arrive on its own outbound connection, and are answered there). A connection that drops fails its
/// pending requests with <see cref="SiloUnavailableException"/>; the next send reconnects. A connection attempt
/// that fails makes sends to that silo fail at once for <see cref="NetworkingOptions.ConnectionRetryDelay"/>.
/// A silo passed to <see cref="DisconnectFrom"/> is dead for good: nothing is sent to or accepted from it again
/// (a restarted silo has a new generation, hence a new address).
/// </summary>
internal sealed class SiloMessageCenter : MessagingEndpoint, IMessageCenter, IAsyncDisposable
{
    private const int MaxRememberedDeadSilos = 4096;
    private static readonly object SiloListenerTag = new();
    private static readonly object GatewayListenerTag = new();

    private readonly LocalSiloDetails _details;
    private readonly SiloOptions _siloOptions;
    private readonly IIncomingRequestHandler _handler;
    private readonly ConcurrentDictionary<SiloAddress, Connection> _outbound = new();
    private readonly ConcurrentDictionary<SiloAddress, ConnectFailure> _connectFailures = new();
    private readonly ConcurrentDictionary<SiloAddress, bool> _deadSilos = new();
    private readonly Lock _connectLock = new();
    private readonly List<ConnectionListener> _listeners = [];
    private SiloAddress _localSilo;
    private byte[] _hello = [];
    private volatile bool _started;
    private volatile bool _stopped;

    /// <summary>Creates the message center; <paramref name="runtime"/> binds grain references in incoming messages.</summary>
    public SiloMessageCenter(
        LocalSiloDetails siloDetails,
        IOptions<SiloOptions> siloOptions,
        IOptions<NetworkingOptions> networkingOptions,
        IOptions<MessagingOptions> messagingOptions,
        IIncomingRequestHandler handler,
        IGrainReferenceRuntime runtime,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        IMeterFactory? meterFactory = null)
        : base(
            networkingOptions.Value,
            messagingOptions.Value,
            runtime,
            time,
            loggerFactory.CreateLogger<SiloMessageCenter>(),
            new NetworkingCounters(meterFactory, siloDetails.SiloAddress.ToString()))
    {
        _details = siloDetails;
        _siloOptions = siloOptions.Value;
        _handler = handler;
        _localSilo = siloDetails.SiloAddress;
    }

    /// <inheritdoc />
    public SiloAddress LocalSilo => _localSilo;

    /// <summary>The endpoint the silo listener is bound to, once started.</summary>
    public IPEndPoint? SiloEndpoint { get; private set; }

    /// <summary>The endpoint the gateway listener is bound to, once started (null without a gateway).</summary>
    public IPEndPoint? GatewayEndpoint { get; private set; }

    /// <inheritdoc />
    protected override SiloAddress? LocalSiloAddress => _localSilo;

    /// <summary>
    /// Binds the listeners and starts accepting. With port 0 the system picks a free port and <see cref="LocalSilo"/>
    /// takes it (same generation). Fails with <see cref="InvalidOperationException"/> naming the port if it is in use.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_started)
        {
            throw new InvalidOperationException("The message center has already been started.");
        }

        var advertised = _details.SiloAddress.Endpoint.Address;
        var bindAddress = !Options.ListenOnAnyAddress ? advertised
            : advertised.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
        var siloListener = ConnectionListener.Bind(new IPEndPoint(bindAddress, _siloOptions.SiloPort), "silo", "Silo:SiloPort", Time, Logger);
        ConnectionListener? gatewayListener = null;
        try
        {
            if (_siloOptions.GatewayPort != -1)
            {
                gatewayListener = ConnectionListener.Bind(new IPEndPoint(bindAddress, _siloOptions.GatewayPort), "client", "Silo:GatewayPort", Time, Logger);
            }
        }
        catch
        {
            siloListener.Dispose();
            throw;
        }

        SiloEndpoint = siloListener.LocalEndPoint;
        GatewayEndpoint = gatewayListener?.LocalEndPoint;
        if (_details.SiloAddress.Endpoint.Port == 0)
        {
            _localSilo = new SiloAddress(new IPEndPoint(advertised, SiloEndpoint.Port), _details.SiloAddress.Generation);
        }

        _hello = FrameCodec.EncodeHello(HelloMessage.ForSilo(_localSilo, _details.ClusterId));
        _started = true;
        StartTimeoutSweep();
        _listeners.Add(siloListener);
        siloListener.Start(socket => Accept(socket, SiloListenerTag));
        if (gatewayListener is not null)
        {
            _listeners.Add(gatewayListener);
            gatewayListener.Start(socket => Accept(socket, GatewayListenerTag));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops: closes the listeners, lets each connection write what is already queued (responses included, up to
    /// <see cref="NetworkingOptions.ShutdownFlushTimeout"/>), closes them, and fails pending requests with
    /// <see cref="SiloUnavailableException"/>. Later sends fail at once.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!BeginStop())
        {
            return;
        }

        await CloseAllConnectionsAsync(_ => new SiloUnavailableException($"Silo {_localSilo} is stopping."), flush: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops abruptly (a killed silo): listeners and connections close at once, nothing queued is written.</summary>
    public void Abort()
    {
        if (!BeginStop())
        {
            return;
        }

        var reason = new SiloUnavailableException($"Silo {_localSilo} was killed.");
        foreach (var connection in Connections)
        {
            connection.Close(reason);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        Counters.Dispose();
    }

    /// <inheritdoc />
    public void SendRequest(SiloAddress target, RequestBase request)
    {
        if (!_started || _stopped)
        {
            FailRequest(request, new SiloUnavailableException($"Silo {_localSilo} cannot send {request} to {target}: its message center is {(_stopped ? "stopped" : "not started")}."));
            return;
        }

        if (_deadSilos.ContainsKey(target))
        {
            FailRequest(request, new SiloUnavailableException($"Silo {target} was declared dead; {request} cannot be sent to it."));
            return;
        }

        // A second attempt covers a connection that closed between the lookup and the enqueue.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var connection = GetOrConnect(target, out var failure);
            if (connection is null)
            {
                FailRequest(request, new SiloUnavailableException(failure!));
                return;
            }

            if (TrySendRequest(connection, request))
            {
                return;
            }
        }

        FailRequest(request, new SiloUnavailableException($"The connection to silo {target} closed while {request} was being sent."));
    }

    /// <inheritdoc />
    public void DisconnectFrom(SiloAddress silo)
    {
        if (_deadSilos.Count >= MaxRememberedDeadSilos)
        {
            _deadSilos.Clear();
        }

        _deadSilos[silo] = true;
        _connectFailures.TryRemove(silo, out _);
        CloseConnections(silo, new SiloUnavailableException($"Silo {silo} was declared dead."));
    }

    /// <summary>Closes every connection to or from <paramref name="silo"/> (without declaring it dead: the next send reconnects); returns how many.</summary>
    internal int CloseConnections(SiloAddress silo, Exception reason)
    {
        var closed = 0;
        foreach (var connection in Connections)
        {
            if (silo.Equals(connection.PeerSilo) || silo.Equals(connection.TargetSilo))
            {
                connection.Close(reason);
                closed++;
            }
        }

        return closed;
    }

    /// <inheritdoc />
    public override string? ValidateHello(Connection connection, HelloMessage hello)
    {
        string? refusal = null;
        if (!string.Equals(hello.ClusterId, _details.ClusterId, StringComparison.Ordinal))
        {
            refusal = $"it belongs to cluster '{hello.ClusterId}', this silo to '{_details.ClusterId}'";
        }
        else if (connection.TargetSilo is { } target)
        {
            if (hello.Role != ConnectionRole.Silo || hello.Silo is null)
            {
                refusal = $"silo {target} was expected but a client answered";
            }
            else if (!target.Equals(hello.Silo) && !(target.Generation == 0 && target.IsSameEndpoint(hello.Silo)))
            {
                refusal = $"silo {target} was expected but silo {hello.Silo} answered (the silo restarted)";
            }
        }
        else if (connection.Tag == GatewayListenerTag)
        {
            refusal = hello.Role == ConnectionRole.Client ? null : "a silo connected to the gateway port; silos use the silo port";
        }
        else if (hello.Role != ConnectionRole.Silo || hello.Silo is null)
        {
            refusal = "a client connected to the silo port; clients use the gateway port";
        }
        else if (_deadSilos.ContainsKey(hello.Silo))
        {
            refusal = $"silo {hello.Silo} was declared dead";
        }

        if (refusal is not null)
        {
            NetworkingLog.HelloRefused(Logger, connection.ToString(), refusal);
        }

        return refusal;
    }

    /// <inheritdoc />
    public override void OnOpened(Connection connection)
    {
        if (connection.TargetSilo is { } target)
        {
            _connectFailures.TryRemove(target, out _);
        }

        base.OnOpened(connection);
    }

    /// <inheritdoc />
    protected override void CompleteRequest(RequestBase request) => _handler.OnResponse(request);

    /// <inheritdoc />
    protected override void DeliverRequest(RequestBase request) => _handler.OnRequest(request);

    /// <inheritdoc />
    protected override Exception CreateConnectionLostException(Connection connection, Exception reason) =>
        connection.WasOpened
            ? new SiloUnavailableException($"The connection to {DescribePeer(connection)} was lost: {reason.Message}", reason)
            : new SiloUnavailableException($"Could not connect to {DescribePeer(connection)} at {connection.RemoteEndPoint}: {reason.Message}", reason);

    /// <inheritdoc />
    protected override string DescribePeer(Connection connection) =>
        connection.PeerSilo is { } silo ? $"silo {silo}" : $"client {connection.PeerHello?.ClientId} at {connection.RemoteEndPoint}";

    /// <inheritdoc />
    protected override void OnConnectionClosed(Connection connection, Exception reason)
    {
        if (connection.TargetSilo is not { } target)
        {
            return;
        }

        _outbound.TryRemove(new KeyValuePair<SiloAddress, Connection>(target, connection));
        if (!connection.WasOpened && !_stopped && !_deadSilos.ContainsKey(target))
        {
            var message = $"Could not connect to silo {target} at {connection.RemoteEndPoint}: {reason.Message}";
            NetworkingLog.ConnectFailed(Logger, $"silo {target}", reason.Message);
            if (Options.ConnectionRetryDelay > TimeSpan.Zero)
            {
                var retryAt = Time.GetTimestamp() + Deadlines.ToTicks(Options.ConnectionRetryDelay, Time.TimestampFrequency);
                _connectFailures[target] = new ConnectFailure(retryAt, message + $" (no new attempt before Networking:ConnectionRetryDelay = {Options.ConnectionRetryDelay} has passed)");
            }
        }
    }

    private Connection? GetOrConnect(SiloAddress target, out string? failure)
    {
        failure = null;
        if (_outbound.TryGetValue(target, out var connection) && !connection.IsClosed)
        {
            return connection;
        }

        if (_connectFailures.TryGetValue(target, out var failed))
        {
            if (Time.GetTimestamp() < failed.RetryAt)
            {
                failure = failed.Message;
                return null;
            }

            _connectFailures.TryRemove(new KeyValuePair<SiloAddress, ConnectFailure>(target, failed));
        }

        lock (_connectLock)
        {
            if (_outbound.TryGetValue(target, out connection) && !connection.IsClosed)
            {
                return connection;
            }

            connection = Track(new Connection(this, Context, _hello, target.Endpoint, target));
            _outbound[target] = connection;
        }

        _ = Task.Run(connection.RunOutboundAsync);
        if (_stopped)
        {
            // Raced with StopAsync, which may not have seen this connection.
            connection.Close(new SiloUnavailableException($"Silo {_localSilo} is stopping."));
        }

        return connection;
    }

    private bool BeginStop()
    {
        if (_stopped)
        {
            return false;
        }

        _stopped = true;
        StopTimeoutSweep();
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        return true;
    }

    private void Accept(Socket socket, object listenerTag)
    {
        var connection = Track(new Connection(this, Context, _hello, socket.RemoteEndPoint as IPEndPoint, null) { Tag = listenerTag });
        _ = Task.Run(() => connection.RunInboundAsync(socket), CancellationToken.None);
        if (_stopped)
        {
            // Raced with StopAsync, which may not have seen this connection.
            connection.Close(new SiloUnavailableException($"Silo {_localSilo} is stopping."));
        }
    }

    private sealed record ConnectFailure(long RetryAt, string Message);
}
