using FlashSale.Runtime.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Membership;

/// <summary>
/// Writes the local silo's own row: join (Joining, connectivity check, Active), IAmAlive, graceful leave
/// (ShuttingDown, Dead) and the periodic cleanup of defunct rows (Orleans' MembershipAgent). Every status write
/// is conditional and retried from a fresh read on conflict; table errors are retried after a short delay
/// until the step's deadline. After each status write the table is re-read and the change gossiped.
/// </summary>
internal sealed partial class MembershipAgent : IDisposable
{
    private readonly MembershipTableManager _manager;
    private readonly ISiloProber _prober;
    private readonly LocalSiloDetails _silo;
    private readonly int _gatewayPort;
    private readonly ClusterMembershipOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MembershipAgent> _logger;
    private readonly Lock _lock = new();
    private readonly List<ITimer> _timers = [];
    private bool _stopped;
    private volatile bool _rowWritten;

    public MembershipAgent(
        MembershipTableManager manager,
        ISiloProber prober,
        LocalSiloDetails silo,
        IOptions<SiloOptions> siloOptions,
        IOptions<ClusterMembershipOptions> options,
        TimeProvider time,
        ILogger<MembershipAgent> logger)
    {
        _manager = manager;
        _prober = prober;
        _silo = silo;
        _gatewayPort = Math.Max(0, siloOptions.Value.GatewayPort);
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    private IMembershipTable Table => _manager.Table;

    private TimeSpan RetryDelay => _options.ProbeTimeout < TimeSpan.FromSeconds(1) ? _options.ProbeTimeout : TimeSpan.FromSeconds(1);

    /// <summary>Joins the cluster within MaxJoinAttemptTime: inserts the row as Joining, probes the active silos, becomes Active and starts the IAmAlive and refresh timers.</summary>
    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.MaxJoinAttemptTime, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var ct = linked.Token;
        try
        {
            await RetryAsync(Table.InitializeAsync, "initialize the table", ct);
            _manager.SetLocalStatus(SiloStatus.Joining);
            await DeclareOlderGenerationsDeadAsync(ct);
            await InsertJoiningRowAsync(ct);
            await ValidateConnectivityAsync(ct);
            await UpdateStatusAsync(SiloStatus.Active, ct);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogJoinTimedOut(_logger, _silo.SiloAddress, _options.MaxJoinAttemptTime);
            await AbandonJoinAsync();
            throw new TimeoutException($"Silo {_silo.SiloAddress} could not join the cluster within MaxJoinAttemptTime ({_options.MaxJoinAttemptTime}): the membership table or some active silos were unreachable.");
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await AbandonJoinAsync();
            throw;
        }

        _manager.Start();
        StartTimers();
        LogJoined(_logger, _silo.SiloAddress, _manager.CurrentSnapshot.Version, _manager.CurrentSnapshot.ActiveMembers.Count);
    }

    /// <summary>Writes ShuttingDown for the local silo (graceful stop begins); gives up with a log after a bounded time.</summary>
    public Task BeginLeaveAsync(CancellationToken cancellationToken) => LeaveStepAsync(SiloStatus.ShuttingDown, cancellationToken);

    /// <summary>Writes Dead for the local silo (graceful stop ends) and stops the timers; gives up with a log after a bounded time.</summary>
    public async Task CompleteLeaveAsync(CancellationToken cancellationToken)
    {
        StopTimers();
        await LeaveStepAsync(SiloStatus.Dead, cancellationToken);
        _manager.Stop();
    }

    /// <summary>Stops the timers without writing anything (the silo was killed).</summary>
    public void Stop() => StopTimers();

    /// <inheritdoc />
    public void Dispose() => Stop();

    /// <summary>Writes the local silo's IAmAlive time now; errors are logged.</summary>
    internal async Task PublishIAmAliveAsync()
    {
        try
        {
            await Table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = _silo.SiloAddress, Status = _manager.LocalStatus, IAmAliveTime = _manager.UtcNow });
        }
        catch (Exception e)
        {
            LogIAmAliveFailed(_logger, e);
        }
    }

    // A silo that failed to join marks its row Dead (best effort, bounded) so that it does not linger as Joining.
    private async Task AbandonJoinAsync()
    {
        StopTimers();
        if (_rowWritten)
        {
            await LeaveStepAsync(SiloStatus.Dead, CancellationToken.None);
        }

        _manager.Stop();
    }

    private async Task LeaveStepAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        // Past this bound the others find out by probing anyway.
        using var timeout = new CancellationTokenSource(_options.ProbeTimeout * _options.NumMissedProbesLimit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await UpdateStatusAsync(status, linked.Token);
        }
        catch (Exception e)
        {
            LogLeaveFailed(_logger, status, e);
        }
    }

    private async Task DeclareOlderGenerationsDeadAsync(CancellationToken ct)
    {
        while (true)
        {
            var table = await RetryAsync(Table.ReadAllAsync, "read the table", ct);
            _manager.ProcessTableRead(table);
            var clone = table.Rows.FirstOrDefault(r =>
                r.Entry.SiloAddress.IsSameEndpoint(_silo.SiloAddress) && r.Entry.SiloAddress.Generation < _silo.SiloAddress.Generation && r.Entry.Status != SiloStatus.Dead);
            if (clone is null)
            {
                return;
            }

            var version = table.Version.Next();
            if (await RetryAsync(t => Table.UpdateRowAsync(clone.Entry with { Status = SiloStatus.Dead }, clone.ETag, version, t), "declare an older generation dead", ct))
            {
                LogOlderGenerationDead(_logger, clone.Entry.SiloAddress);
                await _manager.RefreshAfterWriteAsync(version.Version, clone.Entry.SiloAddress, ct);
            }
        }
    }

    private async Task InsertJoiningRowAsync(CancellationToken ct)
    {
        while (true)
        {
            var table = await RetryAsync(Table.ReadAllAsync, "read the table", ct);
            _manager.ProcessTableRead(table);
            if (table.Find(_silo.SiloAddress) is not null)
            {
                _rowWritten = true;
                return;
            }

            var now = _manager.UtcNow;
            var entry = new MembershipEntry
            {
                SiloAddress = _silo.SiloAddress,
                Status = SiloStatus.Joining,
                SiloName = _silo.Name,
                HostName = Environment.MachineName,
                Datacenter = _silo.Datacenter,
                GatewayPort = _gatewayPort,
                StartTime = now,
                IAmAliveTime = now,
            };
            var version = table.Version.Next();
            if (await RetryAsync(t => Table.InsertRowAsync(entry, version, t), "insert the local row", ct))
            {
                _rowWritten = true;
                await _manager.RefreshAfterWriteAsync(version.Version, null, ct);
                return;
            }
        }
    }

    private async Task ValidateConnectivityAsync(CancellationToken ct)
    {
        while (true)
        {
            var table = await RetryAsync(Table.ReadAllAsync, "read the table", ct);
            _manager.ProcessTableRead(table);
            var now = _manager.UtcNow;
            var peers = table.Rows
                .Select(r => r.Entry)
                .Where(e => e.Status == SiloStatus.Active && !e.SiloAddress.Equals(_silo.SiloAddress) && !_manager.IsStale(e, now))
                .Select(e => e.SiloAddress)
                .ToList();
            var results = await Task.WhenAll(peers.Select(p => ProbeOnceAsync(p, ct)));
            var failed = peers.Where((_, i) => !results[i]).ToList();
            if (failed.Count == 0)
            {
                return;
            }

            LogConnectivityCheckFailed(_logger, failed.Count, peers.Count, string.Join(", ", failed));
            await _time.DelayAsync(RetryDelay, ct);
        }
    }

    private async Task<bool> ProbeOnceAsync(SiloAddress target, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(_options.ProbeTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        return await _prober.ProbeAsync(target, linked.Token);
    }

    private async Task UpdateStatusAsync(SiloStatus status, CancellationToken ct)
    {
        if (status is SiloStatus.ShuttingDown or SiloStatus.Dead)
        {
            _manager.SetLocalStatus(status);
        }

        while (true)
        {
            var table = await RetryAsync(Table.ReadAllAsync, "read the table", ct);
            _manager.ProcessTableRead(table);
            var row = table.Find(_silo.SiloAddress)
                ?? throw new InvalidOperationException($"Silo {_silo.SiloAddress} has no row in the membership table and cannot become {status}.");
            if (row.Entry.Status == status)
            {
                break;
            }

            if (row.Entry.Status == SiloStatus.Dead)
            {
                throw new InvalidOperationException($"Silo {_silo.SiloAddress} was declared dead and cannot become {status}.");
            }

            var version = table.Version.Next();
            var entry = row.Entry with { Status = status, IAmAliveTime = _manager.UtcNow };
            if (await RetryAsync(t => Table.UpdateRowAsync(entry, row.ETag, version, t), $"write status {status}", ct))
            {
                LogStatusWritten(_logger, _silo.SiloAddress, status, version.Version);
                if (status == SiloStatus.Active)
                {
                    _manager.SetLocalStatus(status);
                }

                await _manager.RefreshAfterWriteAsync(version.Version, null, ct);
                return;
            }
        }

        _manager.SetLocalStatus(status);
    }

    private async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> operation, string what, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return await operation(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogTableOperationFailed(_logger, what, e);
            }

            await _time.DelayAsync(RetryDelay, ct);
        }
    }

    private Task<bool> RetryAsync(Func<CancellationToken, Task> operation, string what, CancellationToken ct) =>
        RetryAsync(
            async t =>
            {
                await operation(t);
                return true;
            },
            what,
            ct);

    private void StartTimers()
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            var alive = _options.IAmAliveTablePublishTimeout;
            _timers.Add(_time.CreateTimer(static s => _ = ((MembershipAgent)s!).PublishIAmAliveAsync(), this, alive, alive));
            var cleanup = _options.DefunctSiloCleanupPeriod;
            _timers.Add(_time.CreateTimer(static s => _ = ((MembershipAgent)s!).CleanupDefunctAsync(), this, cleanup, cleanup));
        }
    }

    private void StopTimers()
    {
        List<ITimer> timers;
        lock (_lock)
        {
            _stopped = true;
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    private async Task CleanupDefunctAsync()
    {
        try
        {
            await Table.CleanupDefunctSiloEntriesAsync(_time.GetUtcNow() - _options.DefunctSiloExpiration);
        }
        catch (Exception e)
        {
            LogTableOperationFailed(_logger, "clean up defunct rows", e);
        }
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Silo {Silo} joined the cluster: table version {Version}, {ActiveCount} active silos")]
    private static partial void LogJoined(ILogger logger, SiloAddress silo, long version, int activeCount);

    [LoggerMessage(EventId = 321, Level = LogLevel.Error, Message = "Silo {Silo} could not join the cluster within {MaxJoinAttemptTime}")]
    private static partial void LogJoinTimedOut(ILogger logger, SiloAddress silo, TimeSpan maxJoinAttemptTime);

    [LoggerMessage(EventId = 322, Level = LogLevel.Warning, Message = "Membership could not {What}; will retry")]
    private static partial void LogTableOperationFailed(ILogger logger, string what, Exception exception);

    [LoggerMessage(EventId = 323, Level = LogLevel.Warning, Message = "Joining: {FailedCount} of {ActiveCount} active silos did not answer a probe ({Failed}); will retry")]
    private static partial void LogConnectivityCheckFailed(ILogger logger, int failedCount, int activeCount, string failed);

    [LoggerMessage(EventId = 324, Level = LogLevel.Information, Message = "Silo {Silo} wrote its status {Status} at table version {Version}")]
    private static partial void LogStatusWritten(ILogger logger, SiloAddress silo, SiloStatus status, long version);

    [LoggerMessage(EventId = 325, Level = LogLevel.Warning, Message = "Declared {Silo}, an older generation on this silo's endpoint, dead")]
    private static partial void LogOlderGenerationDead(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 326, Level = LogLevel.Warning, Message = "Could not write status {Status} while leaving; the others will find out by probing")]
    private static partial void LogLeaveFailed(ILogger logger, SiloStatus status, Exception exception);

    [LoggerMessage(EventId = 327, Level = LogLevel.Warning, Message = "Could not write the IAmAlive time; will retry at the next period")]
    private static partial void LogIAmAliveFailed(ILogger logger, Exception exception);
}
