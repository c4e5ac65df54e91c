namespace FlashSale.Grains.Sales;

/// <summary>The SKUs the reconciliation grain looks after.</summary>
[GenerateSerializer]
public sealed class ReconciliationState
{
    /// <summary>The tracked SKUs.</summary>
    [Id(0)]
    public HashSet<string> Skus { get; set; } = new(StringComparer.Ordinal);
}
