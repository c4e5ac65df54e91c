namespace FlashSale.Grains;

/// <summary>A SKU the hot-key aggregator flagged: its request rate and what was done about it.</summary>
[GenerateSerializer, Immutable]
public sealed record HotKeyStatus
{
    /// <summary>The SKU id.</summary>
    [Id(0)]
    public required string Sku { get; init; }

    /// <summary>Requests per second, cluster-wide: the larger of the gateways' and the silos' sums.</summary>
    [Id(1)]
    public required double RatePerSecond { get; init; }

    /// <summary>Requests per second counted by gateways.</summary>
    [Id(2)]
    public double GatewayRatePerSecond { get; init; }

    /// <summary>Requests per second counted by silos.</summary>
    [Id(3)]
    public double SiloRatePerSecond { get; init; }

    /// <summary>Whether the rate is over the threshold now (a flagged SKU stays listed for a while after it cools down).</summary>
    [Id(4)]
    public required bool Hot { get; init; }

    /// <summary>When the SKU was flagged.</summary>
    [Id(5)]
    public required DateTimeOffset FirstFlaggedAt { get; init; }

    /// <summary>When the SKU was last seen over the threshold.</summary>
    [Id(6)]
    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>The SKU's shard count as of the last action (0 when unknown).</summary>
    [Id(7)]
    public int ShardCount { get; init; }

    /// <summary>The SKU's read replica count as of the last action (0 when unknown).</summary>
    [Id(8)]
    public int ReplicaCount { get; init; }

    /// <summary>How many times the aggregator doubled the SKU's shards.</summary>
    [Id(9)]
    public int ScaleOuts { get; init; }

    /// <summary>When the aggregator last acted on the SKU.</summary>
    [Id(10)]
    public DateTimeOffset? LastActionAt { get; init; }

    /// <summary>The most recent actions taken, oldest first.</summary>
    [Id(11)]
    public IReadOnlyList<string> Actions { get; init; } = [];
}
