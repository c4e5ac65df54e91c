using System.Collections.Concurrent;
using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Invocation;
using FlashSale.Runtime.Serialization;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Networking;

// Design note: the TCP transport (SiloMessageCenter for silos, GatewayClientConnector for clients, both built on
// this class).
//
// Guarantees
// - Every outgoing request that expects a response completes exactly once, through CompleteRequest (the
//   silo's IIncomingRequestHandler.OnResponse, or the client's callback), with its Result or its Exception set:
//   the response; SiloUnavailableException when the connection it was sent on closes (peer died, malformed
//   input, DisconnectFrom, stop) or cannot be opened; TimeoutException from the sweep once its Deadline passes;
//   or the serialization error if it cannot be encoded. One-way requests are never tracked.
// - Completion is a claim on the connection's PendingRequests table (response, sweep and close all remove
//   before completing), so no two of them complete the same request.
// - Incoming requests get ReplyTo = a ResponseSink bound to (connection, caller's correlation id); the response
//   is written on that connection at most once, or dropped (debug log) if the connection has closed.
// - Deadlines never cross processes: a request carries its remaining time to live in milliseconds and the
//   receiver rebases it on its own TimeProvider.
// - A malformed frame (bad length, over Networking:MaxFrameSize, truncated, undecodable header, garbage) closes
//   only the connection it came on, with an error log and the MalformedFrames counter. A request whose header
//   decodes but whose types or arguments this process cannot read is answered with an error response instead.
//
// Invariants
// - A connection is in Connections from creation until OnClosed; its pending requests are failed in OnClosed,
//   after it stopped accepting frames (a sender racing the close either sees TryEnqueue fail and claims the
//   request back, or its request is already in the table that OnClosed drains).
// - No lock is held while writing to a socket: senders serialize into pooled FrameBuffers and enqueue them;
//   each connection's single writer loop batches them into one flush. Locks (the pending-table stripes) guard
//   dictionary operations only.
// - Hot path allocations: the request object (incoming), its ResponseSink and the grain key string; frame
//   buffers and pipe segments are pooled, names seen before are looked up without allocating.
//
// Failure behaviour
// - A request that fails before it is queued (cannot be serialized, no connection, dead silo, stopped) completes
//   synchronously, inside SendRequest: callers must not hold locks their completion path needs.
// - Handlers run on the connection's reader loop and must not block; an exception from one is logged and, for a
//   request, answered as an error. DropFilter (from, to) drops frames on send and on receive (by the peer silo
//   named in the hello); a dropped request stays pending and times out, like a partition.

/// <summary>The request/response engine shared by the silo message center and the client connector.</summary>
internal abstract class MessagingEndpoint : IConnectionHandler
{
    private readonly ConcurrentDictionary<long, Connection> _connections = new();
    private readonly SerializerSession _session;
    private readonly DeadlineSweeper _sweeper;
    private readonly long _defaultTimeoutTicks;
    private long _nextCorrelationId;

    /// <summary>Creates the engine; <paramref name="runtime"/> binds deserialized grain references.</summary>
    protected MessagingEndpoint(NetworkingOptions options, MessagingOptions messaging, IGrainReferenceRuntime? runtime, TimeProvider time, ILogger logger, NetworkingCounters counters)
    {
        Options = options;
        Time = time;
        Logger = logger;
        Counters = counters;
        Context = new ConnectionContext(options, time, new FrameBufferPool(), counters, logger);
        _session = new SerializerSession(runtime);
        _defaultTimeoutTicks = Deadlines.ToTicks(messaging.ResponseTimeout, time.TimestampFrequency);
        _sweeper = new DeadlineSweeper(time, messaging.ResponseTimeoutCheckPeriod, messaging.ResponseTimeout, () => _connections.Values, DescribePeer, FailRequest, counters, logger);
    }

    /// <summary>Test hook: frames from the first silo to the second for which this returns true are dropped silently.</summary>
    public Func<SiloAddress, SiloAddress, bool>? DropFilter { get; set; }

    /// <summary>Connection and frame counters.</summary>
    public NetworkingCounters Counters { get; }

    /// <summary>Outgoing requests awaiting a response, over all connections (a snapshot; for tests and diagnostics).</summary>
    public int PendingRequestCount
    {
        get
        {
            var count = 0;
            foreach (var pair in _connections)
            {
                count += pair.Value.Pending.Count;
            }

            return count;
        }
    }

    /// <summary>The transport options.</summary>
    protected NetworkingOptions Options { get; }

    /// <summary>The clock.</summary>
    protected TimeProvider Time { get; }

    /// <summary>The transport's logger.</summary>
    protected ILogger Logger { get; }

    /// <summary>What this endpoint's connections share.</summary>
    protected ConnectionContext Context { get; }

    /// <summary>This endpoint's silo (null for a client): the "from" of DropFilter on send and the sender in silo hellos.</summary>
    protected abstract SiloAddress? LocalSiloAddress { get; }

    /// <summary>Every connection that has not reported <see cref="OnClosed"/> yet.</summary>
    protected ICollection<Connection> Connections => _connections.Values;

    /// <inheritdoc />
    public abstract string? ValidateHello(Connection connection, HelloMessage hello);

    /// <inheritdoc />
    public virtual void OnOpened(Connection connection) => NetworkingLog.ConnectionOpened(Logger, connection.ToString());

    /// <inheritdoc />
    public void OnFrame(Connection connection, ReadOnlySpan<byte> body)
    {
        switch ((FrameType)body[0])
        {
            case FrameType.Request:
                OnRequestFrame(connection, body[1..]);
                break;
            case FrameType.Response:
                OnResponseFrame(connection, body[1..]);
                break;
            default:
                throw new MalformedFrameException($"Unexpected frame type {body[0]} after the handshake.");
        }
    }

    /// <inheritdoc />
    public void OnClosed(Connection connection, Exception reason)
    {
        // Bookkeeping first, so that a caller retrying from its failure callback does not pick this connection again.
        _connections.TryRemove(connection.Id, out _);
        OnConnectionClosed(connection, reason);
        if (connection.WasOpened)
        {
            NetworkingLog.ConnectionClosed(Logger, connection.ToString(), reason.Message);
        }

        var failed = new List<RequestBase>();
        connection.Pending.RemoveAll(failed);
        foreach (var request in failed)
        {
            FailRequest(request, CreateConnectionLostException(connection, reason));
        }
    }

    /// <summary>Writes the response to a request that arrived on <paramref name="connection"/> (through its <see cref="ResponseSink"/>).</summary>
    internal void SendResponse(Connection connection, long correlationId, RequestBase request)
    {
        if ((request.Options & InvokeMethodOptions.OneWay) != 0)
        {
            return;
        }

        var frame = Context.Pool.Rent();
        try
        {
            FrameCodec.WriteResponse(frame, correlationId, request, _session);
            CheckSize(frame, request);
        }
        catch (Exception e)
        {
            NetworkingLog.ResultNotSerializable(Logger, request.ToString(), e);
            frame.Reset();
            FrameCodec.WriteErrorResponse(frame, correlationId, new SerializationException($"The response of {request} could not be sent: {e.Message}"), _session);
        }

        EnqueueResponse(connection, frame, request);
    }

    /// <summary>Completes an outgoing request (the silo's OnResponse, the client's callback).</summary>
    protected abstract void CompleteRequest(RequestBase request);

    /// <summary>Hands an incoming request (ReplyTo set) to whoever runs it.</summary>
    protected abstract void DeliverRequest(RequestBase request);

    /// <summary>The exception pending requests of a closed connection fail with (a <see cref="SiloUnavailableException"/>).</summary>
    protected abstract Exception CreateConnectionLostException(Connection connection, Exception reason);

    /// <summary>Names the destination of a connection in error messages.</summary>
    protected abstract string DescribePeer(Connection connection);

    /// <summary>Called when a connection closed, before its pending requests fail.</summary>
    protected virtual void OnConnectionClosed(Connection connection, Exception reason)
    {
    }

    /// <summary>Registers a new connection (before it runs).</summary>
    protected Connection Track(Connection connection)
    {
        _connections[connection.Id] = connection;
        return connection;
    }

    /// <summary>Starts the deadline sweep.</summary>
    protected void StartTimeoutSweep() => _sweeper.Start();

    /// <summary>Stops the deadline sweep.</summary>
    protected void StopTimeoutSweep() => _sweeper.Stop();

    /// <summary>Closes every connection (after flushing what is queued, if <paramref name="flush"/>) and waits for them to finish.</summary>
    protected async Task CloseAllConnectionsAsync(Func<Connection, Exception> reason, bool flush, CancellationToken cancellationToken)
    {
        var connections = new List<Connection>(_connections.Values);
        var closing = new List<Task>(connections.Count);
        foreach (var connection in connections)
        {
            if (flush)
            {
                closing.Add(connection.CloseAfterFlushAsync(reason(connection), Options.ShutdownFlushTimeout));
            }
            else
            {
                connection.Close(reason(connection));
            }

            closing.Add(connection.Completion);
        }

        await Task.WhenAll(closing).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a request on <paramref name="connection"/>. True when the request is taken care of (queued and
    /// pending, dropped by the filter, or failed through <see cref="CompleteRequest"/>); false when the
    /// connection closed before the request was queued, so the caller may try another connection.
    /// </summary>
    protected bool TrySendRequest(Connection connection, RequestBase request)
    {
        var now = Time.GetTimestamp();
        if (request.Deadline == 0)
        {
            request.Deadline = now + _defaultTimeoutTicks;
        }

        var oneWay = (request.Options & InvokeMethodOptions.OneWay) != 0;
        request.CorrelationId = Interlocked.Increment(ref _nextCorrelationId);
        var frame = Context.Pool.Rent();
        try
        {
            FrameCodec.WriteRequest(frame, request, Deadlines.ToTimeToLive(request.Deadline, now, Time.TimestampFrequency), LocalSiloAddress, _session);
            CheckSize(frame, request);
            frame.Seal();
        }
        catch (Exception e)
        {
            Context.Pool.Return(frame);
            FailRequest(request, e);
            return true;
        }

        if (!oneWay)
        {
            connection.Pending.Add(request);
        }

        if (IsDropped(LocalSiloAddress, connection.PeerSilo))
        {
            // Like a partition: the request stays pending and times out.
            Context.Pool.Return(frame);
            Counters.Dropped();
            return true;
        }

        if (connection.TryEnqueue(frame))
        {
            return true;
        }

        Context.Pool.Return(frame);
        return !oneWay && !connection.Pending.TryRemove(request.CorrelationId, out _);
    }

    /// <summary>Fails an outgoing request with <paramref name="error"/>.</summary>
    protected void FailRequest(RequestBase request, Exception error)
    {
        request.Exception = error;
        Complete(request);
    }

    private void CheckSize(FrameBuffer frame, RequestBase request)
    {
        if (frame.BodyLength > Options.MaxFrameSize)
        {
            throw new SerializationException($"{request} serializes to {frame.BodyLength} bytes, more than Networking:MaxFrameSize ({Options.MaxFrameSize} bytes).");
        }
    }

    private bool IsDropped(SiloAddress? from, SiloAddress? to) =>
        DropFilter is { } filter && from is not null && to is not null && filter(from, to);

    private void OnRequestFrame(Connection connection, ReadOnlySpan<byte> body)
    {
        var peer = connection.PeerSilo;
        if (IsDropped(peer, LocalSiloAddress))
        {
            Counters.Dropped();
            return;
        }

        var reader = new Reader(body, _session);
        var header = FrameCodec.ReadRequestHeader(ref reader, peer);
        RequestBase request;
        try
        {
            request = FrameCodec.CreateRequest(header, out var targetInterface);
            request.DeserializeArguments(ref reader);
            request.TargetInterface = targetInterface;
        }
        catch (Exception e)
        {
            Counters.Rejected();
            NetworkingLog.RequestRejected(Logger, connection.ToString(), e.Message, e);
            if ((header.Options & InvokeMethodOptions.OneWay) == 0)
            {
                var frame = Context.Pool.Rent();
                FrameCodec.WriteErrorResponse(frame, header.CorrelationId, e, _session);
                EnqueueResponse(connection, frame, null);
            }

            return;
        }

        request.TargetGrain = header.TargetGrain;
        request.SendingGrain = header.SendingGrain;
        request.SendingSilo = header.SendingSilo;
        request.CorrelationId = header.CorrelationId;
        request.ForwardCount = header.ForwardCount;
        request.CallChainId = header.CallChainId;
        request.Deadline = Deadlines.FromTimeToLive(header.TimeToLiveMilliseconds, Time.GetTimestamp(), Time.TimestampFrequency);
        var sink = new ResponseSink(this, connection, header.CorrelationId);
        request.ReplyTo = sink;
        try
        {
            DeliverRequest(request);
        }
        catch (Exception e)
        {
            NetworkingLog.HandlerFailed(Logger, request.ToString(), e);
            request.Exception = e;
            sink.SendResponse(request);
        }
    }

    private void OnResponseFrame(Connection connection, ReadOnlySpan<byte> body)
    {
        var reader = new Reader(body, _session);
        var (correlationId, status) = FrameCodec.ReadResponseHeader(ref reader);
        if (IsDropped(connection.PeerSilo, LocalSiloAddress))
        {
            Counters.Dropped();
            return;
        }

        if (!connection.Pending.TryRemove(correlationId, out var request) || request is null)
        {
            if (Logger.IsEnabled(LogLevel.Debug))
            {
                NetworkingLog.LateResponse(Logger, correlationId, connection.ToString());
            }

            return;
        }

        try
        {
            if (status == ResponseStatus.Ok)
            {
                request.DeserializeResult(ref reader);
            }
            else
            {
                request.Exception = FrameCodec.ReadException(ref reader);
            }
        }
        catch (Exception e)
        {
            // The frame boundaries are intact, so only this call fails; the connection stays.
            NetworkingLog.ResponseUnreadable(Logger, request.ToString(), e);
            request.Exception = new SerializationException($"The response to {request} from {DescribePeer(connection)} could not be read: {e.Message}", e);
        }

        Complete(request);
    }

    private void Complete(RequestBase request)
    {
        try
        {
            CompleteRequest(request);
        }
        catch (Exception e)
        {
            NetworkingLog.ResponseCallbackFailed(Logger, request.ToString(), e);
        }
    }

    private void EnqueueResponse(Connection connection, FrameBuffer frame, RequestBase? request)
    {
        frame.Seal();
        if (IsDropped(LocalSiloAddress, connection.PeerSilo))
        {
            Context.Pool.Return(frame);
            Counters.Dropped();
        }
        else if (!connection.TryEnqueue(frame))
        {
            Context.Pool.Return(frame);
            if (Logger.IsEnabled(LogLevel.Debug))
            {
                NetworkingLog.ResponseToClosedConnection(Logger, request?.ToString() ?? "an undecodable request", connection.ToString());
            }
        }
    }
}
