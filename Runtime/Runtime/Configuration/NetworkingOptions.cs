namespace FlashSale.Runtime.Configuration;

/// <summary>The TCP transport between silos and between clients and gateways.</summary>
public sealed class NetworkingOptions
{
    /// <summary>The default largest frame body a connection accepts or sends (16 MiB).</summary>
    public const int DefaultMaxFrameSize = 16 * 1024 * 1024;

    /// <summary>The largest frame body (in bytes, length prefix excluded) a connection sends or accepts; a larger one closes the connection.</summary>
    public int MaxFrameSize { get; set; } = DefaultMaxFrameSize;

    /// <summary>How long opening a TCP connection may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the peer may take to send its hello once the TCP connection is open.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After a failed attempt to connect to a silo, requests to it fail at once for this long (Orleans' ConnectionRetryDelay); zero retries on every send.</summary>
    public TimeSpan ConnectionRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a stopping silo or client waits for queued frames to be written before it closes its connections.</summary>
    public TimeSpan ShutdownFlushTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Listen on every local address instead of only the advertised one.</summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>A client's first wait before reconnecting to a gateway that dropped or refused it; doubles on each failure.</summary>
    public TimeSpan GatewayReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A client's longest wait between reconnection attempts to one gateway.</summary>
    public TimeSpan GatewayReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a client asks its gateway provider for the current gateway list (Orleans' GatewayListRefreshPeriod).</summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Returns the problems with these options, if any.</summary>
    public IEnumerable<string> Validate()
    {
        if (MaxFrameSize is < 1024 or > 1024 * 1024 * 1024)
        {
            yield return $"Networking:MaxFrameSize {MaxFrameSize} must be between 1 KiB and 1 GiB.";
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            yield return "Networking:ConnectTimeout must be positive.";
        }

        if (HandshakeTimeout <= TimeSpan.Zero)
        {
            yield return "Networking:HandshakeTimeout must be positive.";
        }

        if (ConnectionRetryDelay < TimeSpan.Zero)
        {
            yield return "Networking:ConnectionRetryDelay must not be negative.";
        }

        if (ShutdownFlushTimeout < TimeSpan.Zero)
        {
            yield return "Networking:ShutdownFlushTimeout must not be negative.";
        }

        if (GatewayReconnectMinDelay <= TimeSpan.Zero || GatewayReconnectMaxDelay < GatewayReconnectMinDelay)
        {
            yield return "Networking:GatewayReconnectMinDelay must be positive and no longer than GatewayReconnectMaxDelay.";
        }

        if (GatewayListRefreshPeriod <= TimeSpan.Zero)
        {
            yield return "Networking:GatewayListRefreshPeriod must be positive.";
        }
    }
}
