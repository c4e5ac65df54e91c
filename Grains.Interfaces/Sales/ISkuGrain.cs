namespace FlashSale.Grains;

/// <summary>
/// The hot SKU (key: SKU id): owns the campaign and the books, splits the stock over shards, moves stock
/// between them and declares the SKU sold out only when every unit is sold or held. Buyers never call it:
/// they reach shards, and reads are served by replicas.
/// </summary>
public interface ISkuGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the campaign; returns true when it was created.</summary>
    Task<bool> Configure(Campaign campaign);

    /// <summary>The buyer-facing view, or null when the SKU has no campaign.</summary>
    [ReadOnly]
    Task<SkuView?> GetView();

    /// <summary>The books, or null when the SKU has no campaign.</summary>
    [ReadOnly]
    Task<SkuLedger?> GetLedger();

    /// <summary>A new shard activation registers: stock granted to its previous epoch is reclaimed first.</summary>
    /// <remarks>Interleaves, because the SKU may itself be waiting on a call that activates the shard.</remarks>
    [AlwaysInterleave]
    Task<ShardRegistration> RegisterShard(int index, string silo);

    /// <summary>A shard asks for up to <paramref name="wanted"/> more units, reporting the units its epoch sold so far.</summary>
    Task<StockGrant> RequestStock(int index, long epoch, int wanted, int soldTotal);

    /// <summary>A shard reports the units its epoch sold so far and gives units back (on deactivation, or when asked).</summary>
    Task ReportAndReturn(int index, long epoch, int soldTotal, int returned);

    /// <summary>A shard epoch is about to write orders behind (fast mode): after a crash its unlogged units are held, not recovered.</summary>
    /// <remarks>Interleaves: a purchase waits on it while the shard may be in a hand-off the SKU's own turn waits for.</remarks>
    [AlwaysInterleave]
    Task DeclareFastWrites(int index, long epoch);

    /// <summary>Compares the books with the order log and the shards, repairs what it can, and reports the rest.</summary>
    Task<ReconciliationReport> Reconcile();

    /// <summary>Expires the orders unpaid past the payment window and puts their units back on sale; returns the units.</summary>
    Task<int> ExpireUnpaid();

    /// <summary>Puts units held after a crash back on sale (an admin decision after checking the orders).</summary>
    Task<int> ReleaseHeld(int units);

    /// <summary>
    /// Doubles the shard count if it is still <paramref name="expectedShardCount"/> and the double stays within
    /// <paramref name="maxShards"/> (and <see cref="CampaignValidation.MaxShards"/>); returns the shard count afterwards.
    /// Racing callers that expect the same count double it once.
    /// </summary>
    Task<int> ScaleOut(int expectedShardCount, int maxShards);

    /// <summary>Raises the number of read replicas to <paramref name="replicas"/> (never lowers it); returns the count afterwards.</summary>
    Task<int> RaiseReplicas(int replicas);
}
