using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace FlashSale.Runtime.Networking;

/// <summary>
/// One TCP connection: a hello each way, then length-prefixed frames in both directions. Senders enqueue
/// sealed <see cref="FrameBuffer"/>s from any thread (<see cref="TryEnqueue"/> never blocks and takes no
/// lock); a single writer loop copies everything queued into a <see cref="PipeWriter"/> and flushes once per
/// batch; a single reader loop cuts frames out of a <see cref="PipeReader"/> and hands each body to the
/// <see cref="IConnectionHandler"/> synchronously. Frames queued before the handshake completes (an
/// outbound connection still connecting) are sent right after it. <see cref="Close"/> is idempotent, may be
/// called from any thread and reports <see cref="IConnectionHandler.OnClosed"/> exactly once.
/// </summary>
internal sealed class Connection
{
    private const int MaxBatchBytes = 64 * 1024;
    private const int PipeSegmentSize = 64 * 1024;
    private const int StateConnecting = 0;
    private const int StateOpen = 1;
    private const int StateClosed = 2;
    private static long s_nextId;

    private readonly IConnectionHandler _handler;
    private readonly ConnectionContext _context;
    private readonly byte[] _hello;
    private readonly Channel<FrameBuffer> _sendQueue = Channel.CreateUnbounded<FrameBuffer>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _writerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _established = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Socket? _socket;
    private Exception? _drainReason;
    private int _state;
    private bool _opened;

    /// <summary>Creates a connection; start it with <see cref="RunOutboundAsync"/> or <see cref="RunInboundAsync"/>.</summary>
    public Connection(IConnectionHandler handler, ConnectionContext context, byte[] hello, IPEndPoint? remoteEndPoint, SiloAddress? targetSilo)
    {
        _handler = handler;
        _context = context;
        _hello = hello;
        RemoteEndPoint = remoteEndPoint;
        TargetSilo = targetSilo;
    }

    /// <summary>A process-wide unique id, for logs and tables.</summary>
    public long Id { get; } = Interlocked.Increment(ref s_nextId);

    /// <summary>The peer's endpoint.</summary>
    public IPEndPoint? RemoteEndPoint { get; private set; }

    /// <summary>For an outbound connection to a silo: the silo it was opened for.</summary>
    public SiloAddress? TargetSilo { get; }

    /// <summary>The peer's hello, once the handshake completed.</summary>
    public HelloMessage? PeerHello { get; private set; }

    /// <summary>The peer silo: from its hello, else the silo this connection is being opened for; null for a client.</summary>
    public SiloAddress? PeerSilo => PeerHello is { } hello ? hello.Silo : TargetSilo;

    /// <summary>Requests sent on this connection that await a response.</summary>
    public PendingRequests Pending { get; } = new();

    /// <summary>Owner state (for example, the gateway this connection serves).</summary>
    public object? Tag { get; init; }

    /// <summary>Whether the handshake completed and the connection is not closed.</summary>
    public bool IsOpen => Volatile.Read(ref _state) == StateOpen;

    /// <summary>Whether the connection is closed (or closing).</summary>
    public bool IsClosed => Volatile.Read(ref _state) == StateClosed;

    /// <summary>Whether the handshake ever completed.</summary>
    public bool WasOpened => Volatile.Read(ref _opened);

    /// <summary>Why the connection closed, once it did.</summary>
    public Exception? CloseReason { get; private set; }

    /// <summary>Completes with true once the handshake completed, or false once the connection closed without one.</summary>
    public Task<bool> Established => _established.Task;

    /// <summary>Completes once both loops ended and the socket is released.</summary>
    public Task Completion => _done.Task;

    /// <summary>Queues a sealed frame; false (the caller keeps the buffer) if the connection is closed or draining.</summary>
    public bool TryEnqueue(FrameBuffer frame) => _sendQueue.Writer.TryWrite(frame);

    /// <summary>Connects to <see cref="RemoteEndPoint"/>, then runs the connection until it closes.</summary>
    public Task RunOutboundAsync() => RunAsync(null);

    /// <summary>Runs an accepted connection until it closes.</summary>
    public Task RunInboundAsync(Socket socket)
    {
        RemoteEndPoint ??= socket.RemoteEndPoint as IPEndPoint;
        return RunAsync(socket);
    }

    /// <summary>Closes the connection at once: queued frames are discarded, the handler fails what is pending.</summary>
    public void Close(Exception reason)
    {
        if (Interlocked.Exchange(ref _state, StateClosed) == StateClosed)
        {
            return;
        }

        CloseReason = reason;
        _sendQueue.Writer.TryComplete();
        try
        {
            _handler.OnClosed(this, reason);
        }
        finally
        {
            // Disposing the socket ends the loops: pending reads and writes fail, the writer sees the queue completed.
            Volatile.Read(ref _socket)?.Dispose();
        }
    }

    /// <summary>Stops taking frames, lets the writer send what is queued (up to <paramref name="flushTimeout"/>), then closes.</summary>
    public async Task CloseAfterFlushAsync(Exception reason, TimeSpan flushTimeout)
    {
        _drainReason = reason;
        if (IsOpen && _sendQueue.Writer.TryComplete())
        {
            try
            {
                // Wall-clock on purpose: how long a peer may take to read is physics, not the logical time tests drive.
                await _writerDone.Task.WaitAsync(flushTimeout, TimeProvider.System).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The peer does not read: give up on the rest.
            }
        }

        Close(reason);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"connection #{Id} with {(PeerHello?.ToString() ?? (TargetSilo is null ? "peer" : $"silo {TargetSilo}"))} at {RemoteEndPoint}";

    private async Task RunAsync(Socket? accepted)
    {
        var socket = accepted;
        NetworkStream? stream = null;
        PipeReader? input = null;
        PipeWriter? output = null;
        Exception reason = new IOException("The connection was closed.");
        var counted = false;
        try
        {
            socket ??= new Socket(RemoteEndPoint!.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            Volatile.Write(ref _socket, socket);
            if (IsClosed)
            {
                return;
            }

            if (accepted is null)
            {
                await ConnectAsync(socket).ConfigureAwait(false);
            }

            socket.NoDelay = true;
            stream = new NetworkStream(socket, ownsSocket: false);
            input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: PipeSegmentSize, minimumReadSize: 4096, leaveOpen: true));
            output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: PipeSegmentSize, leaveOpen: true));
            PeerHello = await HandshakeAsync(input, output).ConfigureAwait(false);
            if (_handler.ValidateHello(this, PeerHello) is { } refusal)
            {
                throw new InvalidOperationException(refusal);
            }

            // Set before the state changes, so that a concurrent Close reports a connection whose handshake completed.
            Volatile.Write(ref _opened, true);
            if (Interlocked.CompareExchange(ref _state, StateOpen, StateConnecting) != StateConnecting)
            {
                return;
            }

            counted = true;
            _context.Counters.ConnectionOpened();
            _handler.OnOpened(this);
            _established.TrySetResult(true);
            var writing = WriteLoopAsync(output);
            reason = await ReadLoopAsync(input).ConfigureAwait(false);
            Close(reason);
            await writing.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            if (e is MalformedFrameException)
            {
                _context.Counters.Malformed();
                NetworkingLog.MalformedFrame(_context.Logger, ToString(), e.Message, e);
            }

            reason = IsClosed ? CloseReason ?? e : e;
        }
        finally
        {
            Close(reason);
            _established.TrySetResult(false);
            _writerDone.TrySetResult();
            input?.Complete();
            output?.Complete();
            stream?.Dispose();
            socket?.Dispose();
            while (_sendQueue.Reader.TryRead(out var frame))
            {
                _context.Pool.Return(frame);
            }

            if (counted)
            {
                _context.Counters.ConnectionClosed();
            }

            _done.TrySetResult();
        }
    }

    private async Task ConnectAsync(Socket socket)
    {
        var endpoint = RemoteEndPoint!;
        using var timeout = new CancellationTokenSource(_context.Options.ConnectTimeout, _context.Time);
        try
        {
            await socket.ConnectAsync(endpoint, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"Connecting to {endpoint} took longer than {_context.Options.ConnectTimeout} (Networking:ConnectTimeout).", e);
        }
    }

    private async Task<HelloMessage> HandshakeAsync(PipeReader input, PipeWriter output)
    {
        using var timeout = new CancellationTokenSource(_context.Options.HandshakeTimeout, _context.Time);
        try
        {
            output.Write(_hello);
            await output.FlushAsync(timeout.Token).ConfigureAwait(false);
            _context.Counters.Sent(1, _hello.Length);
            while (true)
            {
                var result = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (FrameReader.TryReadFrame(ref buffer, FrameCodec.MaxHelloSize, out var body))
                {
                    var hello = FrameReader.DecodeHello(body);
                    _context.Counters.Received(1, body.Length + FrameBuffer.PrefixSize);
                    input.AdvanceTo(buffer.Start);
                    return hello;
                }

                if (result.IsCompleted)
                {
                    throw buffer.IsEmpty
                        ? new IOException("The peer closed the connection before sending its hello.")
                        : new MalformedFrameException("The peer closed the connection in the middle of its hello.");
                }

                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"The peer sent no hello within {_context.Options.HandshakeTimeout} (Networking:HandshakeTimeout).", e);
        }
    }

    private async Task WriteLoopAsync(PipeWriter output)
    {
        Exception? error = null;
        var queue = _sendQueue.Reader;
        try
        {
            while (await queue.WaitToReadAsync().ConfigureAwait(false))
            {
                var frames = 0;
                long bytes = 0;
                while (bytes < MaxBatchBytes && queue.TryRead(out var frame))
                {
                    var span = frame.Frame.Span;
                    output.Write(span);
                    bytes += span.Length;
                    frames++;
                    _context.Pool.Return(frame);
                }

                var flush = await output.FlushAsync().ConfigureAwait(false);
                _context.Counters.Sent(frames, bytes);
                if (flush.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception e)
        {
            error = e;
        }
        finally
        {
            _writerDone.TrySetResult();
        }

        Close(error is null || IsClosed ? CloseReason ?? _drainReason ?? new IOException("The connection was closed after its last frame was sent.") : error);
    }

    private async Task<Exception> ReadLoopAsync(PipeReader input)
    {
        try
        {
            while (true)
            {
                var result = await input.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                var frames = ProcessFrames(ref buffer, out var bytes);
                if (frames > 0)
                {
                    _context.Counters.Received(frames, bytes);
                }

                if (result.IsCompleted)
                {
                    return buffer.IsEmpty
                        ? new IOException("The peer closed the connection.")
                        : throw new MalformedFrameException($"The peer closed the connection in the middle of a frame ({buffer.Length} bytes of it arrived).");
                }

                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (MalformedFrameException e)
        {
            _context.Counters.Malformed();
            NetworkingLog.MalformedFrame(_context.Logger, ToString(), e.Message, e);
            return e;
        }
        catch (Exception e)
        {
            return IsClosed ? CloseReason ?? e : e;
        }
    }

    private int ProcessFrames(ref ReadOnlySequence<byte> buffer, out long bytes)
    {
        var frames = 0;
        bytes = 0;
        while (!IsClosed && FrameReader.TryReadFrame(ref buffer, _context.Options.MaxFrameSize, out var body))
        {
            frames++;
            bytes += body.Length + FrameBuffer.PrefixSize;
            if (body.IsSingleSegment)
            {
                Dispatch(body.FirstSpan);
                continue;
            }

            var length = (int)body.Length;
            var rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                body.CopyTo(rented);
                Dispatch(rented.AsSpan(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        return frames;
    }

    private void Dispatch(ReadOnlySpan<byte> body)
    {
        try
        {
            _handler.OnFrame(this, body);
        }
        catch (Exception e) when (e is not MalformedFrameException)
        {
            throw new MalformedFrameException($"A frame could not be decoded: {e.Message}", e);
        }
    }
}
