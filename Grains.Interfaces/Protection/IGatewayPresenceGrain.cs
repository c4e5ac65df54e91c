namespace FlashSale.Grains;

/// <summary>
/// Which API gateways are alive (key <see cref="GlobalKey"/>): each gateway beats every second, so that
/// cluster-wide rate budgets can be divided among the live ones. Not persisted: a restart forgets, and the next
/// beats rebuild it within a second.
/// </summary>
public interface IGatewayPresenceGrain : IGrainWithStringKey
{
    /// <summary>The one presence grain's key.</summary>
    const string GlobalKey = "global";

    /// <summary>Records that <paramref name="gatewayId"/> is alive for <paramref name="ttl"/>; returns how many gateways are alive (at least 1).</summary>
    Task<int> Beat(string gatewayId, TimeSpan ttl);

    /// <summary>Removes a gateway that stops gracefully.</summary>
    Task Leave(string gatewayId);
}
