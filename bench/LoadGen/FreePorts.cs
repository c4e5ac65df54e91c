using System.Net;
using System.Net.Sockets;

namespace FlashSale.LoadGen;

/// <summary>Free TCP ports on the loopback interface.</summary>
public static class FreePorts
{
    /// <summary>A port that was free a moment ago (the caller binds it next).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
