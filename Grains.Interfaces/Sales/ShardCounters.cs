namespace FlashSale.Grains;

/// <summary>A shard's local counters, as it reports them.</summary>
/// <param name="Index">The shard index.</param>
/// <param name="Epoch">The activation's epoch.</param>
/// <param name="Available">Units held and not sold.</param>
/// <param name="Sold">Units sold by this activation.</param>
/// <param name="Rejected">Attempts rejected by this activation.</param>
/// <param name="Reservations">Interest registered (预约) through this shard.</param>
/// <param name="Silo">The hosting silo.</param>
[GenerateSerializer, Immutable]
public sealed record ShardCounters(
    [property: Id(0)] int Index,
    [property: Id(1)] long Epoch,
    [property: Id(2)] int Available,
    [property: Id(3)] int Sold,
    [property: Id(4)] long Rejected,
    [property: Id(5)] long Reservations,
    [property: Id(6)] string Silo);
