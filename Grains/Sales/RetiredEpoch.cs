namespace FlashSale.Grains.Sales;

/// <summary>A shard epoch replaced while its activation may still run (a duplicate activation during a directory hand-off).</summary>
[GenerateSerializer]
public sealed class RetiredEpoch
{
    /// <summary>The shard index.</summary>
    [Id(0)]
    public int Index { get; set; }

    /// <summary>Its account: its units stay its own until it reports for the last time or its silo dies.</summary>
    [Id(1)]
    public ShardAccount Account { get; set; } = new();
}
