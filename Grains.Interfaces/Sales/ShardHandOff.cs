namespace FlashSale.Grains;

/// <summary>
/// What a shard hands a descendant after a scale-out: the records of the buyers who now route to the descendant,
/// so that their per-user limit and idempotency survive the split.
/// </summary>
/// <param name="UserUnits">Units bought (or being bought) per buyer.</param>
/// <param name="Answers">The purchases remembered for idempotency (each carries its buyer and request id).</param>
[GenerateSerializer, Immutable]
public sealed record ShardHandOff(
    [property: Id(0)] IReadOnlyDictionary<string, int> UserUnits,
    [property: Id(1)] IReadOnlyList<PurchaseResult> Answers)
{
    /// <summary>Nothing to hand off.</summary>
    public static ShardHandOff Empty { get; } = new(new Dictionary<string, int>(StringComparer.Ordinal), []);
}
