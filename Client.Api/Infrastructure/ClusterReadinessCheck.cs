using FlashSale.Runtime.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlashSale.Client.Api.Infrastructure;

/// <summary>Ready while the gateway's cluster client is connected to at least one silo gateway.</summary>
public sealed class ClusterReadinessCheck(ClusterClient client) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(client.ConnectedGateways.Count > 0
            ? HealthCheckResult.Healthy($"connected to {client.ConnectedGateways.Count} gateways")
            : HealthCheckResult.Unhealthy("no silo gateway is connected"));
}
