using FlashSale.Client.Api.Configuration;
using FlashSale.Grains;
using FlashSale.Runtime;
using Microsoft.Extensions.Options;

namespace FlashSale.Client.Api.RateLimiting;

/// <summary>
/// Beats for this gateway in the cluster's presence grain and keeps the number of live gateways, which divides the
/// cluster-wide rate budgets. Until the first answer (or while the cluster is unreachable) the last count stands;
/// it starts at 1, so a lone gateway admits the whole budget.
/// </summary>
public sealed partial class GatewayPresence(IGrainFactory grains, TimeProvider time, IOptions<RateLimitOptions> options, ILogger<GatewayPresence> logger) : BackgroundService
{
    private volatile int _liveGateways = 1;

    /// <summary>This gateway's id in the presence grain.</summary>
    public string GatewayId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>The gateways alive at the last beat, this one included (at least 1).</summary>
    public int LiveGateways => _liveGateways;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var period = options.Value.PresencePeriod;
        var grain = grains.GetGrain<IGatewayPresenceGrain>(IGatewayPresenceGrain.GlobalKey);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Three periods of grace: one late beat must not halve a neighbour's budget.
                var live = await grain.Beat(GatewayId, period * 3);
                if (live != _liveGateways)
                {
                    LogGatewaysChanged(logger, live);
                    _liveGateways = live;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogBeatFailed(logger, e.Message);
            }

            try
            {
                await Task.Delay(period, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // Leave at once so the others take back the budget now, not when the beat expires.
            await grains.GetGrain<IGatewayPresenceGrain>(IGatewayPresenceGrain.GlobalKey).Leave(GatewayId).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception e)
        {
            LogBeatFailed(logger, e.Message);
        }
    }

    [LoggerMessage(EventId = 2110, Level = LogLevel.Information, Message = "{Gateways} gateways share the cluster's rate budgets")]
    private static partial void LogGatewaysChanged(ILogger logger, int gateways);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Debug, Message = "The gateway presence beat failed; the last gateway count stands: {Reason}")]
    private static partial void LogBeatFailed(ILogger logger, string reason);
}
