namespace FlashSale.Grains;

/// <summary>How a purchase attempt ended.</summary>
public enum PurchaseOutcome
{
    /// <summary>Bought: an order exists.</summary>
    Purchased = 0,

    /// <summary>No units left.</summary>
    SoldOut = 1,

    /// <summary>The buyer would exceed the per-user limit.</summary>
    LimitExceeded = 2,

    /// <summary>The sale has not started.</summary>
    NotStarted = 3,

    /// <summary>The sale has ended.</summary>
    Ended = 4,

    /// <summary>Purchases are paused.</summary>
    Paused = 5,

    /// <summary>The SKU has no campaign.</summary>
    UnknownSku = 6,

    /// <summary>The request itself is invalid.</summary>
    Invalid = 7,

    /// <summary>The order could not be made durable; nothing was sold.</summary>
    Unavailable = 8,
}
