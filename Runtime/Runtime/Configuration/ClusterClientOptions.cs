namespace FlashSale.Runtime.Configuration;

/// <summary>How a cluster client finds the cluster.</summary>
public sealed class ClusterClientOptions
{
    /// <summary>The cluster to join; gateways of another cluster refuse the connection.</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>Static gateway endpoints ("host:port"); empty means "read them from the membership table".</summary>
    public List<string> Gateways { get; set; } = [];

    /// <summary>How long a call may take before the caller gets a <see cref="TimeoutException"/>.</summary>
    public TimeSpan ResponseTimeout { get; set; } = MessagingOptions.DefaultResponseTimeout;

    /// <summary>How long <c>ConnectAsync</c> keeps trying before it reports that no gateway is reachable.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the gateway list is re-read from the membership table.</summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Returns the problems with these options, if any.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            yield return "Client:ClusterId must not be empty.";
        }

        foreach (var gateway in Gateways)
        {
            if (!System.Net.IPEndPoint.TryParse(gateway, out _))
            {
                yield return $"Client:Gateways entry '{gateway}' is not an IP endpoint (host:port).";
            }
        }

        if (ResponseTimeout <= TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero || GatewayListRefreshPeriod <= TimeSpan.Zero)
        {
            yield return "Client:ResponseTimeout, ConnectTimeout and GatewayListRefreshPeriod must be positive.";
        }
    }
}
