namespace FlashSale.Grains.Protection;

/// <summary>The aggregator's state of one flagged SKU: its rate and what has been done about it.</summary>
internal sealed class HotKeyEntry(string sku, DateTimeOffset flaggedAt)
{
    private const int MaxActions = 10;
    private readonly Queue<string> _actions = new();
    private string? _lastAction;

    public string Sku { get; } = sku;

    public DateTimeOffset FirstFlaggedAt { get; } = flaggedAt;

    public DateTimeOffset LastSeen { get; set; } = flaggedAt;

    public double Rate { get; set; }

    public double GatewayRate { get; set; }

    public double SiloRate { get; set; }

    public bool Hot { get; set; }

    public int ShardCount { get; set; }

    public int ReplicaCount { get; set; }

    public int ScaleOuts { get; set; }

    public DateTimeOffset? LastActionAt { get; set; }

    /// <summary>When the aggregator may act on the SKU again (the cooldown, or a retry after a failure).</summary>
    public DateTimeOffset NextActionAt { get; set; } = flaggedAt;

    /// <summary>An action is under way (the aggregator is reentrant: reports arrive meanwhile).</summary>
    public bool Acting { get; set; }

    /// <summary>Records an action; the same outcome twice in a row (a SKU at its caps) is recorded once.</summary>
    public void Record(string action, DateTimeOffset at)
    {
        if (string.Equals(action, _lastAction, StringComparison.Ordinal))
        {
            return;
        }

        _lastAction = action;
        _actions.Enqueue($"{at:O} {action}");
        if (_actions.Count > MaxActions)
        {
            _actions.Dequeue();
        }
    }

    public HotKeyStatus ToStatus() => new()
    {
        Sku = Sku,
        RatePerSecond = Math.Round(Rate, 1),
        GatewayRatePerSecond = Math.Round(GatewayRate, 1),
        SiloRatePerSecond = Math.Round(SiloRate, 1),
        Hot = Hot,
        FirstFlaggedAt = FirstFlaggedAt,
        LastSeen = LastSeen,
        ShardCount = ShardCount,
        ReplicaCount = ReplicaCount,
        ScaleOuts = ScaleOuts,
        LastActionAt = LastActionAt,
        Actions = [.. _actions],
    };
}
