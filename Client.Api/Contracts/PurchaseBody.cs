namespace FlashSale.Client.Api.Contracts;

/// <summary>The body of <c>POST /api/skus/{sku}/purchase</c>.</summary>
/// <param name="UserId">The buyer; with buyer tokens it may be omitted, and if given must be the token's subject.</param>
/// <param name="Quantity">The units wanted.</param>
/// <param name="RequestId">The idempotency key of this attempt.</param>
public sealed record PurchaseBody(string? UserId, int? Quantity, string? RequestId);
