namespace FlashSale.Grains;

/// <summary>One process's requests per SKU over one reporting period, sent to the hot-key aggregator.</summary>
[GenerateSerializer, Immutable]
public sealed record HotKeyReport
{
    /// <summary>The reporting process (unique per process and start).</summary>
    [Id(0)]
    public required string SourceId { get; init; }

    /// <summary>Whether a silo or a gateway counted these requests.</summary>
    [Id(1)]
    public required HotKeySourceKind Kind { get; init; }

    /// <summary>The time the counts cover.</summary>
    [Id(2)]
    public required TimeSpan Period { get; init; }

    /// <summary>Requests per SKU over the period.</summary>
    [Id(3)]
    public required IReadOnlyDictionary<string, long> Counts { get; init; }

    /// <summary>Requests not attributed to a SKU (malformed ids, or more distinct SKUs than the process tracks).</summary>
    [Id(4)]
    public long Untracked { get; init; }
}
