using Microsoft.Extensions.Hosting;

namespace FlashSale.Runtime.Client;

/// <summary>Connects the host's cluster client when the host starts and closes it when it stops.</summary>
internal sealed class ClusterClientHostedService(ClusterClient client) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => client.ConnectAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => client.CloseAsync(cancellationToken);
}
