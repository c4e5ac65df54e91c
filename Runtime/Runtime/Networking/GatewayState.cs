using System.Net;

namespace FlashSale.Runtime.Networking;

/// <summary>What a client knows about one gateway endpoint. Guarded by the connector's lock.</summary>
internal sealed class GatewayState(IPEndPoint endpoint)
{
    /// <summary>The gateway's endpoint.</summary>
    public IPEndPoint Endpoint { get; } = endpoint;

    /// <summary>The connection being opened or open; null when there is none.</summary>
    public Connection? Connection { get; set; }

    /// <summary>The silo behind the gateway, learned from its hello.</summary>
    public SiloAddress? Silo { get; set; }

    /// <summary>Connection failures in a row (resets on a successful handshake).</summary>
    public int Failures { get; set; }

    /// <summary>The timestamp before which no new connection attempt is made.</summary>
    public long NextAttempt { get; set; }

    /// <summary>Why the last connection failed or closed.</summary>
    public string? LastError { get; set; }

    /// <summary>The gateway left the provider's list: forget it once its connection closes.</summary>
    public bool Removed { get; set; }
}
