namespace FlashSale.Grains.Sales;

/// <summary>The SKU's persisted account of one shard: what its current epoch was granted, sold and returned.</summary>
[GenerateSerializer]
public sealed class ShardAccount
{
    /// <summary>The epoch stock is granted to (one per shard activation).</summary>
    [Id(0)]
    public long Epoch { get; set; }

    /// <summary>Units granted to the epoch.</summary>
    [Id(1)]
    public int Granted { get; set; }

    /// <summary>Units the epoch reported sold.</summary>
    [Id(2)]
    public int Sold { get; set; }

    /// <summary>Units the epoch gave back.</summary>
    [Id(3)]
    public int Returned { get; set; }

    /// <summary>The silo the epoch runs on.</summary>
    [Id(4)]
    public string Silo { get; set; } = string.Empty;

    /// <summary>Whether the epoch wrote (or may have written) orders behind: a fast-mode switch or campaign.</summary>
    [Id(5)]
    public bool FastWrites { get; set; }

    /// <summary>Units the epoch holds by the SKU's account (its reports lag its sales).</summary>
    public int Outstanding => Granted - Sold - Returned;
}
