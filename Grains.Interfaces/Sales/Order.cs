namespace FlashSale.Grains;

/// <summary>An accepted purchase.</summary>
[GenerateSerializer, Immutable]
public sealed record Order
{
    /// <summary>The order id.</summary>
    [Id(0)]
    public required string OrderId { get; init; }

    /// <summary>The SKU bought.</summary>
    [Id(1)]
    public required string Sku { get; init; }

    /// <summary>The buyer.</summary>
    [Id(2)]
    public required string UserId { get; init; }

    /// <summary>The units bought.</summary>
    [Id(3)]
    public required int Quantity { get; init; }

    /// <summary>The unit price.</summary>
    [Id(4)]
    public required decimal Price { get; init; }

    /// <summary>When the order was accepted.</summary>
    [Id(5)]
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The buyer's idempotency key.</summary>
    [Id(6)]
    public required string RequestId { get; init; }

    /// <summary>The stock shard that sold it.</summary>
    [Id(7)]
    public required int Shard { get; init; }

    /// <summary>The shard activation's epoch (its grant of stock).</summary>
    [Id(8)]
    public required long Epoch { get; init; }

    /// <summary>The order's status.</summary>
    [Id(9)]
    public OrderStatus Status { get; init; } = OrderStatus.Pending;
}
