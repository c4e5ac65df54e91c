namespace FlashSale.Grains;

/// <summary>What buyers and gateways see of a SKU: served from per-silo replicas, refreshed about every second.</summary>
[GenerateSerializer, Immutable]
public sealed record SkuView
{
    /// <summary>The SKU id.</summary>
    [Id(0)]
    public required string Sku { get; init; }

    /// <summary>The product name.</summary>
    [Id(1)]
    public required string Name { get; init; }

    /// <summary>The unit price.</summary>
    [Id(2)]
    public required decimal Price { get; init; }

    /// <summary>Units not yet sold (approximate: shards report in batches).</summary>
    [Id(3)]
    public required int Remaining { get; init; }

    /// <summary>The sale's status.</summary>
    [Id(4)]
    public required SkuStatus Status { get; init; }

    /// <summary>When the sale opens.</summary>
    [Id(5)]
    public required DateTimeOffset StartsAt { get; init; }

    /// <summary>When the sale closes.</summary>
    [Id(6)]
    public required DateTimeOffset EndsAt { get; init; }

    /// <summary>The per-user limit.</summary>
    [Id(7)]
    public required int PerUserLimit { get; init; }

    /// <summary>The current number of stock shards (buyers are routed by a hash of their id modulo this).</summary>
    [Id(8)]
    public required int ShardCount { get; init; }

    /// <summary>The write mode.</summary>
    [Id(9)]
    public required WriteMode WriteMode { get; init; }

    /// <summary>The total stock of the campaign.</summary>
    [Id(10)]
    public required int Stock { get; init; }

    /// <summary>The campaign's cluster-wide purchase rate limit; null means the gateways' default.</summary>
    [Id(11)]
    public int? PurchasesPerSecond { get; init; }

    /// <summary>How many read replicas per silo serve the SKU (readers spread over <see cref="ReplicaKeys"/>); at least 1.</summary>
    [Id(12)]
    public int ReplicaCount { get; init; } = 1;
}
