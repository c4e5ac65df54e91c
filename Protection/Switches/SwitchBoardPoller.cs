using FlashSale.Protection.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Protection.Switches;

/// <summary>
/// Keeps the <see cref="SwitchBoard"/> current: loads the whole set at start (retrying until the cluster answers),
/// then asks the switchboard grain every poll period for anything newer than the copy's version.
/// </summary>
public sealed partial class SwitchBoardPoller(
    SwitchBoard board,
    IGrainFactory grains,
    TimeProvider time,
    IOptions<DegradeSwitchOptions> options,
    ILogger<SwitchBoardPoller> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Yield first, so that the host (and the silo this may run in) finishes starting before the first call.
        await Task.Yield();
        var grain = grains.GetGrain<IDegradeSwitchGrain>(IDegradeSwitchGrain.GlobalKey);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var newer = board.IsLoaded ? await grain.GetIfNewer(board.Current.Version) : await grain.Get();
                if (newer is not null && board.Apply(newer))
                {
                    LogApplied(logger, newer.Version);
                }

                if (failures > 0)
                {
                    LogRecovered(logger, failures);
                    failures = 0;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Keep serving with the last copy; say so once per outage, not on every poll.
                if (failures++ == 0)
                {
                    LogPollFailed(logger, e.Message);
                }
            }

            try
            {
                await Task.Delay(options.Value.PollPeriod, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 1510, Level = LogLevel.Information, Message = "Degrade switches version {Version} in force")]
    private static partial void LogApplied(ILogger logger, long version);

    [LoggerMessage(EventId = 1511, Level = LogLevel.Warning, Message = "The switchboard could not be read; the last known switches stay in force: {Reason}")]
    private static partial void LogPollFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1512, Level = LogLevel.Information, Message = "The switchboard answers again after {Failures} failed polls")]
    private static partial void LogRecovered(ILogger logger, int failures);
}
