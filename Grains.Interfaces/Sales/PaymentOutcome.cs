namespace FlashSale.Grains;

/// <summary>How a payment attempt ended.</summary>
public enum PaymentOutcome
{
    /// <summary>The order is paid (now, or it already was: paying twice is harmless).</summary>
    Paid = 0,

    /// <summary>The payment window had closed: the order expired and its units went back on sale.</summary>
    Expired = 1,

    /// <summary>No such order.</summary>
    UnknownOrder = 2,
}
