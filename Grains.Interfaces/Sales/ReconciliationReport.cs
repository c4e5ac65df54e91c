namespace FlashSale.Grains;

/// <summary>What one reconciliation pass found for a SKU.</summary>
[GenerateSerializer, Immutable]
public sealed record ReconciliationReport
{
    /// <summary>The SKU.</summary>
    [Id(0)]
    public required string Sku { get; init; }

    /// <summary>When the pass ran.</summary>
    [Id(1)]
    public required DateTimeOffset At { get; init; }

    /// <summary>The campaign's stock.</summary>
    [Id(2)]
    public required int Stock { get; init; }

    /// <summary>Units sold according to the order log.</summary>
    [Id(3)]
    public required int OrdersInLog { get; init; }

    /// <summary>Units sold according to the SKU's ledger.</summary>
    [Id(4)]
    public required int LedgerSold { get; init; }

    /// <summary>Units in the pool.</summary>
    [Id(5)]
    public required int Pool { get; init; }

    /// <summary>Units held by live shards.</summary>
    [Id(6)]
    public required int InShards { get; init; }

    /// <summary>Units held after a crash in fast mode (the bound on what may have been lost).</summary>
    [Id(7)]
    public required int Held { get; init; }

    /// <summary>Units recovered in this pass.</summary>
    [Id(8)]
    public required int Recovered { get; init; }

    /// <summary>Units sold in fast mode whose orders are known lost with their silo.</summary>
    [Id(10)]
    public int Lost { get; init; }

    /// <summary>The most units whose acknowledged orders can be missing from the log: held plus lost.</summary>
    public int MaxUnitsPossiblyLost => Held + Lost;

    /// <summary>Problems found that could not be repaired (empty when the books balance).</summary>
    [Id(9)]
    public required IReadOnlyList<string> Drift { get; init; }

    /// <summary>Whether every unit is accounted for.</summary>
    public bool Balanced => Drift.Count == 0;
}
