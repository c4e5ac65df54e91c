using System.Diagnostics.Metrics;

namespace FlashSale.Runtime.Networking;

/// <summary>
/// Counters of one message center or client connector, read by tests and exported as observable instruments
/// (meter "FlashSale.Runtime.Networking") when a meter factory is given. Frames are counted per batch by the
/// loops, so the hot path pays one interlocked add per flush or read, not per frame.
/// </summary>
internal sealed class NetworkingCounters : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "FlashSale.Runtime.Networking";

    private readonly Meter? _meter;
    private long _connectionsOpen;
    private long _connectionsOpened;
    private long _framesSent;
    private long _flushes;
    private long _framesReceived;
    private long _bytesSent;
    private long _bytesReceived;
    private long _malformedFrames;
    private long _droppedFrames;
    private long _rejectedRequests;
    private long _timedOutRequests;

    /// <summary>Creates the counters; <paramref name="meterFactory"/> null keeps them private to the process.</summary>
    public NetworkingCounters(IMeterFactory? meterFactory, string owner)
    {
        if (meterFactory is null)
        {
            return;
        }

        _meter = meterFactory.Create(MeterName);
        var tag = new KeyValuePair<string, object?>("owner", owner);
        _meter.CreateObservableUpDownCounter("flashsale.network.connections", () => new Measurement<long>(ConnectionsOpen, tag), "{connection}", "Open connections.");
        _meter.CreateObservableCounter("flashsale.network.frames.sent", () => new Measurement<long>(FramesSent, tag), "{frame}", "Frames written.");
        _meter.CreateObservableCounter("flashsale.network.flushes", () => new Measurement<long>(Flushes, tag), "{flush}", "Batched writes to sockets.");
        _meter.CreateObservableCounter("flashsale.network.frames.received", () => new Measurement<long>(FramesReceived, tag), "{frame}", "Frames read.");
        _meter.CreateObservableCounter("flashsale.network.bytes.sent", () => new Measurement<long>(BytesSent, tag), "By", "Bytes written.");
        _meter.CreateObservableCounter("flashsale.network.bytes.received", () => new Measurement<long>(BytesReceived, tag), "By", "Bytes read.");
        _meter.CreateObservableCounter("flashsale.network.frames.malformed", () => new Measurement<long>(MalformedFrames, tag), "{frame}", "Malformed frames (each closed its connection).");
        _meter.CreateObservableCounter("flashsale.network.frames.dropped", () => new Measurement<long>(DroppedFrames, tag), "{frame}", "Frames dropped by the fault-injection filter.");
        _meter.CreateObservableCounter("flashsale.network.requests.timed_out", () => new Measurement<long>(TimedOutRequests, tag), "{request}", "Outgoing requests failed by their deadline.");
    }

    /// <summary>Connections whose handshake completed and that are not closed yet.</summary>
    public long ConnectionsOpen => Volatile.Read(ref _connectionsOpen);

    /// <summary>Connections whose handshake completed, since start.</summary>
    public long ConnectionsOpened => Volatile.Read(ref _connectionsOpened);

    /// <summary>Frames written to sockets (hellos included).</summary>
    public long FramesSent => Volatile.Read(ref _framesSent);

    /// <summary>Flushes of batched frames to sockets (frames sent divided by this is the batching factor).</summary>
    public long Flushes => Volatile.Read(ref _flushes);

    /// <summary>Frames read from sockets (hellos included).</summary>
    public long FramesReceived => Volatile.Read(ref _framesReceived);

    /// <summary>Bytes written to sockets.</summary>
    public long BytesSent => Volatile.Read(ref _bytesSent);

    /// <summary>Bytes of complete frames read from sockets.</summary>
    public long BytesReceived => Volatile.Read(ref _bytesReceived);

    /// <summary>Malformed frames; each closed the connection it came on.</summary>
    public long MalformedFrames => Volatile.Read(ref _malformedFrames);

    /// <summary>Frames dropped by <c>DropFilter</c>, on send or on receive.</summary>
    public long DroppedFrames => Volatile.Read(ref _droppedFrames);

    /// <summary>Incoming requests answered with an error because they could not be decoded (unknown alias, bad arguments).</summary>
    public long RejectedRequests => Volatile.Read(ref _rejectedRequests);

    /// <summary>Outgoing requests failed with a timeout.</summary>
    public long TimedOutRequests => Volatile.Read(ref _timedOutRequests);

    internal void ConnectionOpened()
    {
        Interlocked.Increment(ref _connectionsOpen);
        Interlocked.Increment(ref _connectionsOpened);
    }

    internal void ConnectionClosed() => Interlocked.Decrement(ref _connectionsOpen);

    internal void Sent(int frames, long bytes)
    {
        Interlocked.Increment(ref _flushes);
        Interlocked.Add(ref _framesSent, frames);
        Interlocked.Add(ref _bytesSent, bytes);
    }

    internal void Received(int frames, long bytes)
    {
        Interlocked.Add(ref _framesReceived, frames);
        Interlocked.Add(ref _bytesReceived, bytes);
    }

    internal void Malformed() => Interlocked.Increment(ref _malformedFrames);

    internal void Dropped() => Interlocked.Increment(ref _droppedFrames);

    internal void Rejected() => Interlocked.Increment(ref _rejectedRequests);

    internal void TimedOut() => Interlocked.Increment(ref _timedOutRequests);

    /// <inheritdoc />
    public void Dispose() => _meter?.Dispose();
}
