using FlashSale.Runtime.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Membership;

/// <summary>
/// Chooses the silos the local silo probes and runs one <see cref="SiloHealthMonitor"/> per chosen silo
/// (Orleans' ClusterHealthMonitor). The choice is deterministic: the active silos are placed on the consistent-hash
/// ring by their address hash and each silo probes its NumProbedSilos successors, so every active silo is probed
/// by exactly min(NumProbedSilos, active - 1) others, and every silo computes the same assignment from the same
/// snapshot. The choice is recomputed on each newer snapshot; monitors of silos still chosen keep their miss count.
/// </summary>
internal sealed partial class ClusterHealthMonitor : IDisposable
{
    private readonly MembershipTableManager _manager;
    private readonly ILogger<ClusterHealthMonitor> _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<SiloAddress, SiloHealthMonitor> _monitors = [];
    private long _appliedVersion = -1;
    private bool _started;
    private bool _stopped;

    public ClusterHealthMonitor(MembershipTableManager manager, ISiloProber prober, IOptions<ClusterMembershipOptions> options, TimeProvider time, ILogger<ClusterHealthMonitor> logger)
    {
        _manager = manager;
        Prober = prober;
        Options = options.Value;
        Time = time;
        _logger = logger;
    }

    /// <summary>The silos being probed.</summary>
    public IReadOnlyCollection<SiloAddress> MonitoredSilos
    {
        get
        {
            lock (_lock)
            {
                return [.. _monitors.Keys];
            }
        }
    }

    internal ISiloProber Prober { get; }

    internal ClusterMembershipOptions Options { get; }

    internal TimeProvider Time { get; }

    /// <summary>The silos <paramref name="self"/> probes among <paramref name="active"/>: its successors on the hash ring.</summary>
    internal static IReadOnlyList<SiloAddress> SelectProbeTargets(SiloAddress self, IEnumerable<SiloAddress> active, int count)
    {
        var ring = active.Append(self).Distinct().OrderBy(s => s.ConsistentHash).ThenBy(s => s).ToList();
        var index = ring.IndexOf(self);
        var targets = new List<SiloAddress>();
        for (var i = 1; i < ring.Count && targets.Count < count; i++)
        {
            targets.Add(ring[(index + i) % ring.Count]);
        }

        return targets;
    }

    /// <summary>Starts probing the silos chosen from the current snapshot, and follows later snapshots.</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_started || _stopped)
            {
                return;
            }

            _started = true;
        }

        _manager.SnapshotUpdated += OnSnapshotUpdated;
        OnSnapshotUpdated(_manager.CurrentSnapshot);
    }

    /// <summary>Stops every probe loop.</summary>
    public void Stop()
    {
        List<SiloHealthMonitor> monitors;
        lock (_lock)
        {
            _stopped = true;
            monitors = [.. _monitors.Values];
            _monitors.Clear();
        }

        _manager.SnapshotUpdated -= OnSnapshotUpdated;
        foreach (var monitor in monitors)
        {
            monitor.Stop();
        }
    }

    /// <inheritdoc />
    public void Dispose() => Stop();

    /// <summary>A random active silo other than the local one and <paramref name="target"/>, to probe through; null if none.</summary>
    internal SiloAddress? PickIntermediary(SiloAddress target)
    {
        var candidates = _manager.CurrentSnapshot.ActiveMembers
            .Select(m => m.SiloAddress)
            .Where(s => !s.Equals(target) && !s.Equals(_manager.LocalSilo))
            .ToList();
        return candidates.Count == 0 ? null : candidates[Random.Shared.Next(candidates.Count)];
    }

    internal async Task VoteAsync(SiloAddress target, SiloAddress? intermediary, CancellationToken ct)
    {
        try
        {
            await _manager.TryToSuspectOrKillAsync(target, intermediary, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogVoteFailed(_logger, target, e);
        }
    }

    internal void OnProbeFailed(SiloAddress target, SiloAddress? intermediary, int missed)
    {
        if (intermediary is null)
        {
            LogProbeFailed(_logger, target, missed, Options.NumMissedProbesLimit);
        }
        else
        {
            LogIndirectProbeFailed(_logger, target, intermediary, missed, Options.NumMissedProbesLimit);
        }
    }

    internal void OnProbeRecovered(SiloAddress target, SiloAddress? intermediary) => LogProbeRecovered(_logger, target, intermediary?.ToString() ?? "directly");

    internal void OnIndirectProbeUnknown(SiloAddress target, SiloAddress intermediary) => LogIndirectProbeUnknown(_logger, target, intermediary);

    internal void OnMonitorFailed(SiloAddress target, Exception exception) => LogMonitorFailed(_logger, target, exception);

    private void OnSnapshotUpdated(ClusterMembershipSnapshot snapshot)
    {
        var started = new List<SiloHealthMonitor>();
        var stopped = new List<SiloHealthMonitor>();
        lock (_lock)
        {
            if (_stopped || snapshot.Version <= _appliedVersion)
            {
                return;
            }

            _appliedVersion = snapshot.Version;
            var active = snapshot.ActiveMembers.Select(m => m.SiloAddress);
            var targets = SelectProbeTargets(_manager.LocalSilo, active, Options.NumProbedSilos).ToHashSet();
            foreach (var (silo, monitor) in _monitors.ToList())
            {
                if (!targets.Contains(silo))
                {
                    _monitors.Remove(silo);
                    stopped.Add(monitor);
                }
            }

            foreach (var silo in targets)
            {
                if (!_monitors.ContainsKey(silo))
                {
                    var monitor = new SiloHealthMonitor(this, silo);
                    _monitors[silo] = monitor;
                    started.Add(monitor);
                }
            }
        }

        foreach (var monitor in stopped)
        {
            monitor.Stop();
        }

        foreach (var monitor in started)
        {
            monitor.Start();
        }

        if (started.Count + stopped.Count > 0)
        {
            LogMonitoredSilosChanged(_logger, snapshot.Version, string.Join(", ", MonitoredSilos));
        }
    }

    [LoggerMessage(EventId = 330, Level = LogLevel.Information, Message = "At table version {Version} the local silo probes: {Silos}")]
    private static partial void LogMonitoredSilosChanged(ILogger logger, long version, string silos);

    [LoggerMessage(EventId = 331, Level = LogLevel.Warning, Message = "Probe of {Target} failed ({Missed} in a row; {Limit} make a vote)")]
    private static partial void LogProbeFailed(ILogger logger, SiloAddress target, int missed, int limit);

    [LoggerMessage(EventId = 332, Level = LogLevel.Warning, Message = "Indirect probe of {Target} through {Intermediary} failed ({Missed} in a row; {Limit} make a vote)")]
    private static partial void LogIndirectProbeFailed(ILogger logger, SiloAddress target, SiloAddress intermediary, int missed, int limit);

    [LoggerMessage(EventId = 333, Level = LogLevel.Information, Message = "Silo {Target} answered a probe again ({Path})")]
    private static partial void LogProbeRecovered(ILogger logger, SiloAddress target, string path);

    [LoggerMessage(EventId = 334, Level = LogLevel.Information, Message = "Indirect probe of {Target}: intermediary {Intermediary} did not answer; nothing learned")]
    private static partial void LogIndirectProbeUnknown(ILogger logger, SiloAddress target, SiloAddress intermediary);

    [LoggerMessage(EventId = 335, Level = LogLevel.Error, Message = "Voting against {Target} failed")]
    private static partial void LogVoteFailed(ILogger logger, SiloAddress target, Exception exception);

    [LoggerMessage(EventId = 336, Level = LogLevel.Error, Message = "The probe loop of {Target} failed and stopped")]
    private static partial void LogMonitorFailed(ILogger logger, SiloAddress target, Exception exception);
}
