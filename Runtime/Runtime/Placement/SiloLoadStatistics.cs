using System.Collections.Concurrent;
using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Membership;
using FlashSale.Runtime.SystemTargets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Placement;

/// <summary>
/// Activation counts of the active silos for load-aware placement: the local count is read live, the others
/// are polled every <see cref="PlacementOptions.LoadStatisticsRefreshPeriod"/>, and every placement decision
/// bumps its target's count locally so that a burst of placements between two polls does not herd onto one silo.
/// </summary>
internal sealed partial class SiloLoadStatistics(SiloRuntime runtime, IClusterView view, IOptions<PlacementOptions> options, ILogger<SiloLoadStatistics> logger) : IDisposable
{
    private readonly ConcurrentDictionary<SiloAddress, int> _counts = new();
    private ITimer? _timer;

    public int GetActivationCount(SiloAddress silo) =>
        silo.Equals(runtime.SiloAddress) ? runtime.Catalog.ActivationCount : _counts.GetValueOrDefault(silo);

    public void OnPlaced(SiloAddress silo)
    {
        if (!silo.Equals(runtime.SiloAddress))
        {
            _counts.AddOrUpdate(silo, 1, static (_, n) => n + 1);
        }
    }

    public void Start()
    {
        var period = options.Value.LoadStatisticsRefreshPeriod;
        _timer = runtime.Time.CreateTimer(static s => _ = ((SiloLoadStatistics)s!).RefreshAsync(), this, TimeSpan.Zero, period);
    }

    public void Dispose() => _timer?.Dispose();

    public async Task RefreshAsync()
    {
        foreach (var member in view.Snapshot.ActiveMembers)
        {
            if (member.SiloAddress.Equals(runtime.SiloAddress))
            {
                continue;
            }

            try
            {
                var stats = await runtime.RuntimeClient.GetSystemTarget<ISiloControlSystemTarget>(member.SiloAddress).GetStatistics();
                _counts[member.SiloAddress] = stats.ActivationCount;
            }
            catch (Exception e)
            {
                LogRefreshFailed(logger, member.SiloAddress, e.Message);
            }
        }

        foreach (var silo in _counts.Keys)
        {
            if (view.Snapshot.GetStatus(silo) != SiloStatus.Active)
            {
                _counts.TryRemove(silo, out _);
            }
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Could not read the load of {Silo}: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, SiloAddress silo, string reason);
}
