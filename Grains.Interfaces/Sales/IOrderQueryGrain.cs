namespace FlashSale.Grains;

/// <summary>Reads orders from the order log (a stateless worker: any silo answers).</summary>
public interface IOrderQueryGrain : IGrainWithIntegerKey
{
    /// <summary>The order, or null when there is none with that id.</summary>
    Task<Order?> GetOrder(string orderId);
}
