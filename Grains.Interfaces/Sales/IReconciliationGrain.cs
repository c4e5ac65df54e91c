namespace FlashSale.Grains;

/// <summary>
/// Reconciles every SKU on a durable reminder (key: "global"): compares each SKU's ledger, its shards and the
/// order log, repairs what it can and keeps the last report per SKU.
/// </summary>
public interface IReconciliationGrain : IGrainWithStringKey
{
    /// <summary>Adds a SKU to the reconciled set (idempotent).</summary>
    /// <remarks>
    /// Interleaves: a SKU grain calls it inside its own turn while a reconciliation pass may be waiting on that SKU
    /// grain (a cycle that would otherwise hold both until the call timeout).
    /// </remarks>
    [AlwaysInterleave]
    Task Track(string sku);

    /// <summary>Runs a pass over every tracked SKU now.</summary>
    Task<IReadOnlyList<ReconciliationReport>> RunNow();

    /// <summary>The last report of every tracked SKU.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ReconciliationReport>> GetReports();
}
