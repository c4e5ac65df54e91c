namespace FlashSale.Grains;

/// <summary>The SKU's account of one shard.</summary>
/// <param name="Index">The shard index.</param>
/// <param name="Epoch">The epoch of the shard activation stock is granted to.</param>
/// <param name="Granted">Units granted to that epoch.</param>
/// <param name="Sold">Units that epoch reported sold.</param>
/// <param name="Returned">Units it gave back.</param>
/// <param name="Silo">Where the shard last reported from.</param>
/// <param name="FastWrites">Whether the epoch wrote orders behind (fast mode, by campaign or switch).</param>
[GenerateSerializer, Immutable]
public sealed record ShardLedger(
    [property: Id(0)] int Index,
    [property: Id(1)] long Epoch,
    [property: Id(2)] int Granted,
    [property: Id(3)] int Sold,
    [property: Id(4)] int Returned,
    [property: Id(5)] string Silo,
    [property: Id(6)] bool FastWrites = false)
{
    /// <summary>Units the shard holds by the SKU's account.</summary>
    public int Outstanding => Granted - Sold - Returned;
}
