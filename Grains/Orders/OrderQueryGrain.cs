using FlashSale.Grains.Configuration;
using Microsoft.Extensions.Options;

namespace FlashSale.Grains.Orders;

/// <summary>Reads and pays orders through the local order log; a stateless worker, so any silo answers without a hop.</summary>
[StatelessWorker]
public sealed class OrderQueryGrain(IOrderLog orders, TimeProvider time, IOptions<FlashSaleOptions> options) : Grain, IOrderQueryGrain
{
    /// <inheritdoc />
    public Task<Order?> GetOrder(string orderId) => orders.GetAsync(orderId);

    /// <inheritdoc />
    public Task<PaymentOutcome> Pay(string orderId) => orders.PayAsync(orderId, time.GetUtcNow() - options.Value.PaymentWindow);
}
