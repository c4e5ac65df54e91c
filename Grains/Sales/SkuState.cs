namespace FlashSale.Grains.Sales;

/// <summary>The SKU grain's persisted books. Every grant is written before the shard may sell it.</summary>
[GenerateSerializer]
public sealed class SkuState
{
    /// <summary>The campaign, or null before one is configured.</summary>
    [Id(0)]
    public Campaign? Campaign { get; set; }

    /// <summary>Units not granted to any shard.</summary>
    [Id(1)]
    public int Pool { get; set; }

    /// <summary>Units sold (reported by shards; re-derived from the order log after a crash).</summary>
    [Id(2)]
    public int Sold { get; set; }

    /// <summary>Units whose fate is unknown after a crash in fast mode: never granted again until released.</summary>
    [Id(3)]
    public int Held { get; set; }

    /// <summary>Units recovered from dead shard epochs over the campaign's life.</summary>
    [Id(4)]
    public int Recovered { get; set; }

    /// <summary>The shards by index.</summary>
    [Id(5)]
    public Dictionary<int, ShardAccount> Shards { get; set; } = [];

    /// <summary>The last epoch handed out.</summary>
    [Id(6)]
    public long LastEpoch { get; set; }

    /// <summary>The number of shards buyers are routed over.</summary>
    [Id(7)]
    public int ShardCount { get; set; }

    /// <summary>Units a dead fast-mode epoch reported sold whose orders never reached the log: buyers were told, the orders are lost.</summary>
    [Id(8)]
    public int Lost { get; set; }

    /// <summary>Units of expired unpaid orders that went back on sale, over the campaign's life.</summary>
    [Id(9)]
    public int Expired { get; set; }

    /// <summary>How many times <see cref="ShardCount"/> has doubled since the campaign was created (the first count is ShardCount &gt;&gt; Generation).</summary>
    [Id(20)]
    public int Generation { get; set; }

    /// <summary>Read replicas per silo (at least 1; raised for a hot SKU).</summary>
    [Id(21)]
    public int ReplicaCount { get; set; } = 1;

    /// <summary>Epochs replaced while their silo was alive, by epoch: their units are fenced until they settle.</summary>
    [Id(10)]
    public Dictionary<long, RetiredEpoch> Retired { get; set; } = [];

    /// <summary>Units in shards by the SKU's account (retired epochs included: they may still sell them).</summary>
    public int Outstanding => Shards.Values.Sum(s => s.Outstanding) + Retired.Values.Sum(r => r.Account.Outstanding);
}
