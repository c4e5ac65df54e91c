using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Networking;

/// <summary>A bound listening socket and its accept loop; <see cref="Dispose"/> stops accepting.</summary>
internal sealed class ConnectionListener : IDisposable
{
    private readonly Socket _socket;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile bool _disposed;

    private ConnectionListener(Socket socket, TimeProvider time, ILogger logger)
    {
        _socket = socket;
        _time = time;
        _logger = logger;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>The bound endpoint (with the port the system picked, for port 0).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>
    /// Binds and listens; <see cref="InvalidOperationException"/> naming the port and the <paramref name="option"/>
    /// that set it if that fails (typically: the port is in use).
    /// </summary>
    public static ConnectionListener Bind(IPEndPoint endpoint, string kind, string option, TimeProvider time, ILogger logger)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endpoint);
            socket.Listen(512);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new InvalidOperationException(
                e.SocketErrorCode == SocketError.AddressAlreadyInUse
                    ? $"Cannot listen for {kind} connections on {endpoint}: port {endpoint.Port} ({option}) is already in use by another process or silo."
                    : $"Cannot listen for {kind} connections on {endpoint} ({option}): {e.Message}",
                e);
        }

        var listener = new ConnectionListener(socket, time, logger);
        NetworkingLog.Listening(logger, kind, listener.LocalEndPoint.ToString());
        return listener;
    }

    /// <summary>Starts accepting; each accepted socket goes to <paramref name="onAccepted"/>, on the accept loop.</summary>
    public void Start(Action<Socket> onAccepted) => _ = Task.Run(() => AcceptLoopAsync(onAccepted), CancellationToken.None);

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _socket.Dispose();
    }

    private async Task AcceptLoopAsync(Action<Socket> onAccepted)
    {
        var consecutiveFailures = 0;
        while (!_disposed)
        {
            Socket socket;
            try
            {
                socket = await _socket.AcceptAsync().ConfigureAwait(false);
                consecutiveFailures = 0;
            }
            catch (Exception e) when (_disposed || e is ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                NetworkingLog.AcceptFailed(_logger, LocalEndPoint.ToString(), e);
                if (++consecutiveFailures >= 10)
                {
                    // A persistent failure (out of file descriptors): do not spin.
                    await Task.Delay(TimeSpan.FromMilliseconds(100), _time).ConfigureAwait(false);
                }

                continue;
            }

            onAccepted(socket);
        }
    }
}
