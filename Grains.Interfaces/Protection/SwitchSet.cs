namespace FlashSale.Grains;

/// <summary>
/// One level of degrade switches (global, or one SKU's). A null field is not set at this level: a SKU's
/// unset field follows the global one, and an unset global field follows the campaign or the default.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SwitchSet
{
    /// <summary>Overrides the campaign's write mode (durable or fast).</summary>
    [Id(0)]
    public WriteMode? WriteMode { get; init; }

    /// <summary>Pauses purchases: they are answered 503 with <see cref="PauseReason"/>.</summary>
    [Id(1)]
    public bool? Paused { get; init; }

    /// <summary>Why purchases are paused (shown to buyers).</summary>
    [Id(2)]
    public string? PauseReason { get; init; }

    /// <summary>Drops the non-core fields (name, remaining units, per-user limit) from the product view.</summary>
    [Id(3)]
    public bool? DropNonCoreFields { get; init; }

    /// <summary>Serves product reads from the last known view when the SKU's replica or grain is unreachable.</summary>
    [Id(4)]
    public bool? ReadFallback { get; init; }

    /// <summary>An empty set: nothing overridden.</summary>
    public static SwitchSet None { get; } = new();
}
