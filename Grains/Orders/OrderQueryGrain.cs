namespace FlashSale.Grains.Orders;

/// <summary>Reads orders from the local order log; a stateless worker, so any silo answers without a hop.</summary>
[StatelessWorker]
public sealed class OrderQueryGrain(IOrderLog orders) : Grain, IOrderQueryGrain
{
    /// <inheritdoc />
    public Task<Order?> GetOrder(string orderId) => orders.GetAsync(orderId);
}
