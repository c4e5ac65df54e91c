namespace FlashSale.Client.Api.Contracts;

/// <summary>The body of <c>POST /api/skus/{sku}/reservations</c>.</summary>
/// <param name="UserId">The buyer registering interest.</param>
public sealed record ReservationBody(string? UserId);
