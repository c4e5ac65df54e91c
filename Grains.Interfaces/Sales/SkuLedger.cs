namespace FlashSale.Grains;

/// <summary>The SKU's books: where every unit is.</summary>
[GenerateSerializer, Immutable]
public sealed record SkuLedger
{
    /// <summary>The campaign.</summary>
    [Id(0)]
    public required Campaign Campaign { get; init; }

    /// <summary>Units never granted to a shard.</summary>
    [Id(1)]
    public required int Pool { get; init; }

    /// <summary>Units sold (committed orders in durable mode; reported sales in fast mode).</summary>
    [Id(2)]
    public required int Sold { get; init; }

    /// <summary>Units whose fate is unknown after a crash in fast mode: held out of sale until an admin releases them.</summary>
    [Id(3)]
    public required int Held { get; init; }

    /// <summary>The shards.</summary>
    [Id(4)]
    public required IReadOnlyList<ShardLedger> Shards { get; init; }

    /// <summary>The sale's status.</summary>
    [Id(5)]
    public required SkuStatus Status { get; init; }

    /// <summary>Units recovered from shards that died, over the campaign's life.</summary>
    [Id(6)]
    public int Recovered { get; init; }

    /// <summary>Units sold in fast mode whose orders died with their silo (counted in <see cref="Sold"/>).</summary>
    [Id(7)]
    public int Lost { get; init; }

    /// <summary>Units of unpaid orders that expired and went back on sale.</summary>
    [Id(8)]
    public int Expired { get; init; }
}
