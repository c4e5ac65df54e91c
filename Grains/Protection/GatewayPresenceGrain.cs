namespace FlashSale.Grains.Protection;

/// <summary>Keeps the gateways' heartbeats in memory; a gateway whose beat is older than its TTL no longer counts.</summary>
public sealed class GatewayPresenceGrain(TimeProvider time) : Grain, IGatewayPresenceGrain
{
    private const int MaxGateways = 1024;
    private readonly Dictionary<string, DateTimeOffset> _expiry = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<int> Beat(string gatewayId, TimeSpan ttl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(gatewayId);
        if (ttl <= TimeSpan.Zero || ttl > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "The TTL must be between 0 and 5 minutes.");
        }

        var now = time.GetUtcNow();
        foreach (var (id, expiry) in _expiry.Where(e => e.Value <= now).ToList())
        {
            _expiry.Remove(id);
        }

        if (_expiry.Count < MaxGateways || _expiry.ContainsKey(gatewayId))
        {
            _expiry[gatewayId] = now + ttl;
        }

        return Task.FromResult(Math.Max(1, _expiry.Count));
    }

    /// <inheritdoc />
    public Task Leave(string gatewayId)
    {
        _expiry.Remove(gatewayId);
        return Task.CompletedTask;
    }
}
