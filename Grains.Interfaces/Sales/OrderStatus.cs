namespace FlashSale.Grains;

/// <summary>The life of an order.</summary>
public enum OrderStatus
{
    /// <summary>Created, waiting for payment.</summary>
    Pending = 0,

    /// <summary>Paid.</summary>
    Paid = 1,

    /// <summary>Not paid in time; its units went back on sale.</summary>
    Expired = 2,
}
