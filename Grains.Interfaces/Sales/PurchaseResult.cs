namespace FlashSale.Grains;

/// <summary>The answer to a purchase attempt.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Order">The order, when purchased.</param>
/// <param name="Message">A human-readable reason.</param>
[GenerateSerializer, Immutable]
public sealed record PurchaseResult([property: Id(0)] PurchaseOutcome Outcome, [property: Id(1)] Order? Order, [property: Id(2)] string? Message)
{
    /// <summary>A rejection with a reason.</summary>
    public static PurchaseResult Reject(PurchaseOutcome outcome, string message) => new(outcome, null, message);
}
