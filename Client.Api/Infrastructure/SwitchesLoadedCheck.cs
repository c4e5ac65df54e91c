using FlashSale.Protection.Switches;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlashSale.Client.Api.Infrastructure;

/// <summary>Ready once the gateway holds a copy of the degrade switches: before that it could not honour a pause.</summary>
public sealed class SwitchesLoadedCheck(SwitchBoard board) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(board.IsLoaded
            ? HealthCheckResult.Healthy($"switches version {board.Current.Version}")
            : HealthCheckResult.Unhealthy("the degrade switches are not loaded yet"));
}
