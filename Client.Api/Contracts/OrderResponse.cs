using FlashSale.Grains;

namespace FlashSale.Client.Api.Contracts;

/// <summary>An order as buyers see it.</summary>
public sealed record OrderResponse(string OrderId, string Sku, string UserId, int Quantity, decimal Price, decimal Total, string Status, DateTimeOffset CreatedAt, string RequestId)
{
    /// <summary>Builds the response from an order.</summary>
    public static OrderResponse From(Order order) =>
        new(order.OrderId, order.Sku, order.UserId, order.Quantity, order.Price, order.Price * order.Quantity, order.Status.ToString().ToLowerInvariant(), order.CreatedAt, order.RequestId);
}
