namespace FlashSale.Grains;

/// <summary>A buyer's attempt to purchase units of a SKU.</summary>
/// <param name="UserId">The buyer (from the authenticated token where one is configured).</param>
/// <param name="Quantity">The units wanted.</param>
/// <param name="RequestId">The client's idempotency key: a retry with the same id gets the first answer.</param>
[GenerateSerializer, Immutable]
public sealed record PurchaseRequest([property: Id(0)] string UserId, [property: Id(1)] int Quantity, [property: Id(2)] string RequestId);
