using System.Net;
using System.Text;

namespace FlashSale.Runtime.Networking;

/// <summary>The gateways a client knows, by endpoint. Not thread-safe: the connector guards it with its lock.</summary>
internal sealed class GatewayTable
{
    private readonly Dictionary<IPEndPoint, GatewayState> _gateways = [];

    /// <summary>Every known gateway.</summary>
    public IEnumerable<GatewayState> All => _gateways.Values;

    /// <summary>
    /// Takes a fresh list from the provider: new endpoints are added; endpoints no longer listed are forgotten,
    /// at once if not connected, else when their connection closes.
    /// </summary>
    public void Merge(IReadOnlyList<IPEndPoint> endpoints)
    {
        var listed = new HashSet<IPEndPoint>(endpoints);
        foreach (var endpoint in listed)
        {
            if (_gateways.TryGetValue(endpoint, out var known))
            {
                known.Removed = false;
            }
            else
            {
                _gateways[endpoint] = new GatewayState(endpoint);
            }
        }

        foreach (var state in new List<GatewayState>(_gateways.Values))
        {
            if (!listed.Contains(state.Endpoint))
            {
                state.Removed = true;
                if (state.Connection is null)
                {
                    _gateways.Remove(state.Endpoint);
                }
            }
        }
    }

    /// <summary>Forgets a gateway.</summary>
    public void Remove(GatewayState state) => _gateways.Remove(state.Endpoint);

    /// <summary>The error of a request that finds no live gateway: every endpoint tried, with its last error.</summary>
    public SiloUnavailableException CreateNoGatewayException()
    {
        if (_gateways.Count == 0)
        {
            return new SiloUnavailableException("No gateway is reachable: the gateway provider listed no endpoints.");
        }

        var message = new StringBuilder("No gateway is reachable; tried: ");
        var first = true;
        foreach (var state in _gateways.Values)
        {
            message.Append(first ? string.Empty : ", ").Append(state.Endpoint);
            if (state.LastError is { } error)
            {
                message.Append(" (").Append(error).Append(')');
            }

            first = false;
        }

        return new SiloUnavailableException(message.Append('.').ToString());
    }
}
