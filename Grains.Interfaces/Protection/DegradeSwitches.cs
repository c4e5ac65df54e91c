namespace FlashSale.Grains;

/// <summary>Every degrade switch at one version: the global set and the per-SKU sets.</summary>
[GenerateSerializer, Immutable]
public sealed record DegradeSwitches
{
    /// <summary>Grows by one with every change; processes compare it to know whether their copy is current.</summary>
    [Id(0)]
    public long Version { get; init; }

    /// <summary>The switches of every SKU, unless a SKU overrides them.</summary>
    [Id(1)]
    public SwitchSet Global { get; init; } = SwitchSet.None;

    /// <summary>Per-SKU overrides.</summary>
    [Id(2)]
    public IReadOnlyDictionary<string, SwitchSet> Skus { get; init; } = new Dictionary<string, SwitchSet>(StringComparer.Ordinal);

    /// <summary>When the last change was made.</summary>
    [Id(3)]
    public DateTimeOffset ChangedAt { get; init; }

    /// <summary>The switches in force for <paramref name="sku"/>: its own, then the global ones, then the defaults.</summary>
    public EffectiveSwitches For(string sku)
    {
        var own = Skus.TryGetValue(sku, out var set) ? set : SwitchSet.None;
        var paused = own.Paused ?? Global.Paused ?? false;
        return new EffectiveSwitches(
            own.WriteMode ?? Global.WriteMode,
            paused,
            paused ? (own.Paused == true ? own.PauseReason : Global.PauseReason) ?? "Purchases are paused by an operator." : null,
            own.DropNonCoreFields ?? Global.DropNonCoreFields ?? false,
            own.ReadFallback ?? Global.ReadFallback ?? false);
    }
}
