namespace FlashSale.Grains;

/// <summary>A flash-sale campaign: what is sold, how many, to whom and when.</summary>
[GenerateSerializer, Immutable]
public sealed record Campaign
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

    /// <summary>The units on sale.</summary>
    [Id(3)]
    public required int Stock { get; init; }

    /// <summary>The most units one buyer may purchase.</summary>
    [Id(4)]
    public required int PerUserLimit { get; init; }

    /// <summary>When the sale opens.</summary>
    [Id(5)]
    public required DateTimeOffset StartsAt { get; init; }

    /// <summary>When the sale closes.</summary>
    [Id(6)]
    public required DateTimeOffset EndsAt { get; init; }

    /// <summary>The number of stock shards; null follows the cluster (twice the active silos, at least 4).</summary>
    [Id(7)]
    public int? Shards { get; init; }

    /// <summary>How purchases are made durable.</summary>
    [Id(8)]
    public WriteMode WriteMode { get; init; } = WriteMode.Durable;

    /// <summary>The cluster-wide purchase rate the gateways admit for this SKU; null uses their configured default.</summary>
    [Id(9)]
    public int? PurchasesPerSecond { get; init; }
}
