namespace FlashSale.Runtime;

/// <summary>The timing of one reminder tick.</summary>
/// <param name="FirstTickTime">When the reminder was first due.</param>
/// <param name="Period">The reminder's period.</param>
/// <param name="CurrentTickTime">When this tick was due.</param>
[GenerateSerializer, Immutable]
public readonly record struct TickStatus(
    [property: Id(0)] DateTime FirstTickTime,
    [property: Id(1)] TimeSpan Period,
    [property: Id(2)] DateTime CurrentTickTime);
