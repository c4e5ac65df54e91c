using System.Diagnostics.Metrics;
using System.Net;
using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Invocation;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Networking;

/// <summary>
/// The cluster client's transport (see the design note in <see cref="MessagingEndpoint"/>). Connects to every
/// gateway the provider lists (client hello; each gateway's hello names its silo), sends requests round-robin
/// over the live gateway connections, and completes each request through the response callback. A gateway
/// that drops fails the requests pending on it with <see cref="SiloUnavailableException"/>; new requests go to
/// the others at once, and a background loop reconnects with a doubling, bounded backoff
/// (<see cref="NetworkingOptions.GatewayReconnectMinDelay"/> to <see cref="NetworkingOptions.GatewayReconnectMaxDelay"/>)
/// and refreshes the list every <see cref="NetworkingOptions.GatewayListRefreshPeriod"/>, soon after a gateway is
/// lost, and at the reconnect cadence while none is live (so that silos that joined meanwhile are found). With no
/// live gateway, a request fails at once with a <see cref="SiloUnavailableException"/> that lists the endpoints tried.
/// </summary>
internal sealed class GatewayClientConnector : MessagingEndpoint, IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<IReadOnlyList<IPEndPoint>>> _gatewayProvider;
    private readonly Action<RequestBase> _onResponse;
    private readonly string _clusterId;
    private readonly byte[] _hello;
    private readonly Lock _lock = new();
    private readonly GatewayTable _gateways = new();
    private readonly CancellationTokenSource _stopping = new();
    private Connection[] _live = [];
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _maintenance = Task.CompletedTask;
    private long _nextRefresh;
    private long _lastRefresh;
    private int _emptyRefreshes;
    private uint _roundRobin;
    private bool _maintaining;
    private volatile bool _stopped;

    /// <summary>
    /// Creates the connector. <paramref name="gatewayProvider"/> lists the gateway endpoints (from configuration or
    /// the membership table); <paramref name="onResponse"/> receives every request that completes, with its Result
    /// or Exception set; <paramref name="runtime"/> binds grain references in responses.
    /// </summary>
    public GatewayClientConnector(
        string clusterId,
        Func<CancellationToken, Task<IReadOnlyList<IPEndPoint>>> gatewayProvider,
        Action<RequestBase> onResponse,
        IGrainReferenceRuntime? runtime,
        NetworkingOptions networkingOptions,
        MessagingOptions messagingOptions,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        string? clientId = null,
        IMeterFactory? meterFactory = null)
        : base(networkingOptions, messagingOptions, runtime, time, loggerFactory.CreateLogger<GatewayClientConnector>(), new NetworkingCounters(meterFactory, "client"))
    {
        _clusterId = clusterId;
        _gatewayProvider = gatewayProvider;
        _onResponse = onResponse;
        ClientId = clientId ?? $"client-{Guid.NewGuid():N}";
        _hello = FrameCodec.EncodeHello(HelloMessage.ForClient(ClientId, clusterId));
    }

    /// <summary>This client's id, sent in its hello.</summary>
    public string ClientId { get; }

    /// <summary>The silos behind the gateways this client is connected to now.</summary>
    public IReadOnlyList<SiloAddress> ConnectedGateways
    {
        get
        {
            var live = Volatile.Read(ref _live);
            var silos = new List<SiloAddress>(live.Length);
            foreach (var connection in live)
            {
                if (connection.PeerSilo is { } silo)
                {
                    silos.Add(silo);
                }
            }

            return silos;
        }
    }

    /// <inheritdoc />
    protected override SiloAddress? LocalSiloAddress => null;

    /// <summary>A gateway provider over a fixed list (configuration).</summary>
    public static Func<CancellationToken, Task<IReadOnlyList<IPEndPoint>>> FixedGateways(params IPEndPoint[] gateways)
    {
        IReadOnlyList<IPEndPoint> list = [.. gateways];
        return _ => Task.FromResult(list);
    }

    /// <summary>
    /// Fetches the gateway list, connects to every gateway not connected yet and starts reconnecting in the
    /// background. Throws <see cref="SiloUnavailableException"/> listing the endpoints tried if no gateway accepts;
    /// the background loop keeps trying, and StartAsync may be called again (it is idempotent once connected).
    /// Stop with <see cref="StopAsync"/> or <see cref="DisposeAsync"/>.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_stopped, this);
        StartTimeoutSweep();
        await RefreshGatewaysAsync(cancellationToken).ConfigureAwait(false);
        var attempts = new List<Task>();
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            foreach (var state in _gateways.All)
            {
                var connection = state.Removed ? null : state.Connection ?? Connect(state);
                if (connection is { IsOpen: false })
                {
                    attempts.Add(connection.Established);
                }
            }

            if (!_maintaining)
            {
                _maintaining = true;
                _maintenance = Task.Run(() => MaintainAsync(_stopping.Token), CancellationToken.None);
            }
        }

        await Task.WhenAll(attempts).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (Volatile.Read(ref _live).Length == 0)
        {
            throw CreateNoGatewayException();
        }
    }

    /// <summary>Stops reconnecting, flushes and closes every gateway connection, failing pending requests with <see cref="SiloUnavailableException"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task maintenance;
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            maintenance = _maintenance;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await maintenance.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        StopTimeoutSweep();
        await CloseAllConnectionsAsync(_ => new SiloUnavailableException($"Client {ClientId} is stopping."), flush: true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        Counters.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Sends a request to a gateway (round-robin); its completion comes through the response callback.</summary>
    public void SendRequest(RequestBase request)
    {
        if (_stopped)
        {
            FailRequest(request, new SiloUnavailableException($"Client {ClientId} is stopped; {request} was not sent."));
            return;
        }

        // Retry on another gateway if the chosen connection closed before the request was queued on it.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var live = Volatile.Read(ref _live);
            if (live.Length == 0)
            {
                break;
            }

            var connection = live[(int)(Interlocked.Increment(ref _roundRobin) % (uint)live.Length)];
            if (TrySendRequest(connection, request))
            {
                return;
            }
        }

        FailRequest(request, CreateNoGatewayException());
    }

    /// <inheritdoc />
    public override string? ValidateHello(Connection connection, HelloMessage hello)
    {
        var refusal = !string.Equals(hello.ClusterId, _clusterId, StringComparison.Ordinal)
            ? $"the gateway belongs to cluster '{hello.ClusterId}', this client to '{_clusterId}'"
            : hello.Role != ConnectionRole.Silo || hello.Silo is null ? "the peer is not a silo" : null;
        if (refusal is not null)
        {
            NetworkingLog.HelloRefused(Logger, connection.ToString(), refusal);
        }

        return refusal;
    }

    /// <inheritdoc />
    public override void OnOpened(Connection connection)
    {
        var state = (GatewayState)connection.Tag!;
        lock (_lock)
        {
            state.Failures = 0;
            state.LastError = null;
            state.Silo = connection.PeerSilo;
            _live = [.. _live, connection];
        }

        NetworkingLog.GatewayConnected(Logger, state.Endpoint.ToString(), connection.PeerSilo?.ToString() ?? "?");
    }

    /// <inheritdoc />
    protected override void CompleteRequest(RequestBase request) => _onResponse(request);

    /// <inheritdoc />
    protected override void DeliverRequest(RequestBase request)
    {
        // Gateways do not call clients (no observers yet): answer so that the caller does not wait.
        request.Exception = new NotSupportedException($"Client {ClientId} hosts no grains or observers; it cannot run {request}.");
        ((ResponseSink)request.ReplyTo!).SendResponse(request);
    }

    /// <inheritdoc />
    protected override Exception CreateConnectionLostException(Connection connection, Exception reason) =>
        connection.WasOpened
            ? new SiloUnavailableException($"The connection to {DescribePeer(connection)} was lost: {reason.Message}", reason)
            : new SiloUnavailableException($"Could not connect to {DescribePeer(connection)}: {reason.Message}", reason);

    /// <inheritdoc />
    protected override string DescribePeer(Connection connection) =>
        connection.PeerSilo is { } silo ? $"gateway {connection.RemoteEndPoint} (silo {silo})" : $"gateway {connection.RemoteEndPoint}";

    /// <inheritdoc />
    protected override void OnConnectionClosed(Connection connection, Exception reason)
    {
        var state = (GatewayState)connection.Tag!;
        TimeSpan delay;
        lock (_lock)
        {
            var index = Array.IndexOf(_live, connection);
            if (index >= 0)
            {
                var live = new Connection[_live.Length - 1];
                Array.Copy(_live, 0, live, 0, index);
                Array.Copy(_live, index + 1, live, index, live.Length - index);
                _live = live;
            }

            if (state.Connection == connection)
            {
                state.Connection = null;
            }

            if (state.Removed)
            {
                _gateways.Remove(state);
            }

            state.Failures = Math.Min(state.Failures + 1, 30);
            state.LastError = reason.Message;
            delay = Backoff(state.Failures);
            state.NextAttempt = Time.GetTimestamp() + Deadlines.ToTicks(delay, Time.TimestampFrequency);

            // A lost gateway may mean the cluster changed: read the gateway list again soon (at most once per minimum delay).
            _nextRefresh = Math.Min(_nextRefresh, _lastRefresh + Deadlines.ToTicks(Options.GatewayReconnectMinDelay, Time.TimestampFrequency));
        }

        if (_stopped)
        {
            return;
        }

        if (connection.WasOpened)
        {
            NetworkingLog.GatewayLost(Logger, state.Endpoint.ToString(), reason.Message, delay);
        }
        else
        {
            NetworkingLog.ConnectFailed(Logger, $"gateway {state.Endpoint}", reason.Message);
        }

        Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private TimeSpan Backoff(int failures)
    {
        var min = Options.GatewayReconnectMinDelay;
        var max = Options.GatewayReconnectMaxDelay;
        var exponent = Math.Min(failures - 1, 20);
        var delay = min * Math.Pow(2, exponent);
        return delay > max ? max : delay;
    }

    // Called under _lock.
    private Connection Connect(GatewayState state)
    {
        var connection = Track(new Connection(this, Context, _hello, state.Endpoint, null) { Tag = state });
        state.Connection = connection;
        _ = Task.Run(connection.RunOutboundAsync);
        return connection;
    }

    private async Task RefreshGatewaysAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<IPEndPoint>? endpoints = null;
        try
        {
            endpoints = await _gatewayProvider(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            NetworkingLog.GatewayListFailed(Logger, e);
        }

        lock (_lock)
        {
            if (endpoints is not null)
            {
                _gateways.Merge(endpoints);
            }

            // Without a live gateway, look for new ones at the reconnect cadence instead of the slow refresh period.
            _emptyRefreshes = _live.Length == 0 ? Math.Min(_emptyRefreshes + 1, 30) : 0;
            var delay = _emptyRefreshes == 0 ? Options.GatewayListRefreshPeriod : Backoff(_emptyRefreshes);
            _lastRefresh = Time.GetTimestamp();
            _nextRefresh = _lastRefresh + Deadlines.ToTicks(delay, Time.TimestampFrequency);
        }
    }

    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var wake = Volatile.Read(ref _wake).Task;
            if (Time.GetTimestamp() >= Interlocked.Read(ref _nextRefresh))
            {
                await RefreshGatewaysAsync(cancellationToken).ConfigureAwait(false);
            }

            var now = Time.GetTimestamp();
            long nextDue;
            lock (_lock)
            {
                nextDue = _nextRefresh;
                foreach (var state in _gateways.All)
                {
                    if (state.Connection is not null || state.Removed)
                    {
                        continue;
                    }

                    if (state.NextAttempt <= now && !_stopped)
                    {
                        Connect(state);
                    }
                    else
                    {
                        nextDue = Math.Min(nextDue, state.NextAttempt);
                    }
                }
            }

            var delay = TimeSpan.FromSeconds(Math.Max(nextDue - now, 0) / (double)Time.TimestampFrequency);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sleeping = Task.Delay(delay < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : delay, Time, wait.Token);
            await Task.WhenAny(wake, sleeping).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
        }
    }

    private SiloUnavailableException CreateNoGatewayException()
    {
        lock (_lock)
        {
            return _gateways.CreateNoGatewayException();
        }
    }
}
