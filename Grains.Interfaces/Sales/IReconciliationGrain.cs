namespace FlashSale.Grains;

/// <summary>
/// Reconciles every SKU on a durable reminder (key: "global"): compares each SKU's ledger, its shards and the
/// order log, repairs what it can and keeps the last report per SKU.
/// </summary>
public interface IReconciliationGrain : IGrainWithStringKey
{
    /// <summary>Adds a SKU to the reconciled set (idempotent).</summary>
    Task Track(string sku);

    /// <summary>Runs a pass over every tracked SKU now.</summary>
    Task<IReadOnlyList<ReconciliationReport>> RunNow();

    /// <summary>The last report of every tracked SKU.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ReconciliationReport>> GetReports();
}
