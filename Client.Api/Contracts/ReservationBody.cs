namespace FlashSale.Client.Api.Contracts;

/// <summary>The body of <c>POST /api/skus/{sku}/reservations</c>.</summary>
/// <param name="UserId">The buyer registering interest; with buyer tokens it may be omitted, and if given must be the token's subject.</param>
public sealed record ReservationBody(string? UserId);
