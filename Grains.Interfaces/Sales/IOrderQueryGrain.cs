namespace FlashSale.Grains;

/// <summary>Reads and pays orders in the order log (a stateless worker: any silo answers).</summary>
public interface IOrderQueryGrain : IGrainWithIntegerKey
{
    /// <summary>The order, or null when there is none with that id.</summary>
    Task<Order?> GetOrder(string orderId);

    /// <summary>Pays a pending order if its payment window is still open; a late payment is refused and sells nothing twice.</summary>
    Task<PaymentOutcome> Pay(string orderId);
}
