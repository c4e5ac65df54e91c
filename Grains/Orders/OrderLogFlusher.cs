using Microsoft.Extensions.Hosting;

namespace FlashSale.Grains.Orders;

/// <summary>Commits the written-behind orders when the silo stops gracefully (a crash skips this: that is the fast-mode risk).</summary>
internal sealed class OrderLogFlusher(IOrderLog orders) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => orders.FlushAsync(cancellationToken);
}
