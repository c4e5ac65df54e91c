namespace FlashSale.Grains.Orders.Memory;

/// <summary>One committed order without object references: text lives in the stripe's <see cref="TextArena"/>.</summary>
internal struct OrderRecord
{
    public int Sku;
    public int Shard;
    public long Epoch;
    public int Quantity;
    public OrderStatus Status;
    public decimal Price;
    public long CreatedAtUtcTicks;
    public short OffsetMinutes;
    public TextRef OrderId;
    public TextRef UserId;
    public TextRef RequestId;

    public readonly DateTimeOffset CreatedAt =>
        new DateTimeOffset(CreatedAtUtcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(OffsetMinutes));
}
