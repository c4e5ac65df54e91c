using System.Collections.Immutable;
using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Membership;

/// <summary>
/// The local silo's view of the membership table, and the only place that votes (Orleans' MembershipTableManager).
///
/// Guarantees and invariants:
/// - Snapshots only move forward: <see cref="CurrentSnapshot"/> is replaced only by a read of a higher table
///   version, and <see cref="SnapshotUpdated"/> is raised once per published snapshot, in version order, on a
///   thread-pool thread, never concurrently with itself.
/// - Every table read, whatever triggered it (the periodic refresh every TableRefreshTimeout, gossip from a
///   peer, this silo's own writes and votes), is checked for the local row: if that row is Dead (and this silo
///   did not write Dead itself while leaving gracefully), or has disappeared after this silo had joined, the
///   silo learns it was declared dead and calls <see cref="ISiloLifetime.KillSelf"/> exactly once.
/// - Votes follow Orleans' rule: read the whole table; replace this silo's vote (and the intermediary's, for an
///   indirect probe) on the target's row with fresh ones; count the votes younger than
///   DeathVoteExpirationTimeout; if they reach min(NumVotesForDeathDeclaration, (activeNonStale + 1) / 2) write
///   Dead, else write the votes; both are conditional writes (row ETag and next table version), retried from a
///   new read on conflict. Only an Active local silo votes; nobody votes for itself.
///
/// Failure behaviour: a table that cannot be read or written never leads to a death declaration (safety over
/// liveness): a vote that cannot be written is dropped (the next missed probe votes again), a refresh that fails
/// is logged and retried at the next period or gossip, and no exception escapes a timer or gossip callback.
/// </summary>
internal sealed partial class MembershipTableManager : IClusterMembershipService, IDisposable
{
    /// <summary>How many conflicting writes a vote retries from a fresh read before giving up until the next missed probe.</summary>
    internal const int MaxWriteAttempts = 10;

    private readonly IMembershipTable _table;
    private readonly ISiloLifetime _lifetime;
    private readonly IMembershipGossiper _gossiper;
    private readonly ClusterMembershipOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MembershipTableManager> _logger;
    private readonly Lock _lock = new();
    private readonly SnapshotPublisher _publisher;
    private MembershipTableData? _lastTable;
    private ITimer? _refreshTimer;
    private volatile SiloStatus _localStatus = SiloStatus.Created;
    private volatile bool _localRowSeen;
    private volatile bool _stopped;
    private int _killed;

    public MembershipTableManager(
        IMembershipTable table,
        LocalSiloDetails silo,
        ISiloLifetime lifetime,
        IMembershipGossiper gossiper,
        IOptions<ClusterMembershipOptions> options,
        TimeProvider time,
        ILogger<MembershipTableManager> logger)
    {
        _table = table;
        _lifetime = lifetime;
        _gossiper = gossiper;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _publisher = new SnapshotPublisher(logger);
        LocalSilo = silo.SiloAddress;
    }

    /// <inheritdoc />
    public event Action<ClusterMembershipSnapshot>? SnapshotUpdated
    {
        add => _publisher.Published += value;
        remove => _publisher.Published -= value;
    }

    /// <summary>Raised once, before <see cref="ISiloLifetime.KillSelf"/>, when the local silo learns it was declared dead.</summary>
    public event Action? LocalSiloDeclaredDead;

    /// <summary>The local silo.</summary>
    public SiloAddress LocalSilo { get; }

    /// <summary>The status the local silo last wrote for itself.</summary>
    public SiloStatus LocalStatus => _localStatus;

    /// <summary>Whether the local silo learned it was declared dead and killed itself.</summary>
    public bool IsKilled => Volatile.Read(ref _killed) != 0;

    /// <inheritdoc />
    public ClusterMembershipSnapshot CurrentSnapshot => _publisher.Current;

    /// <summary>The newest table read (rows with their ETags, votes and IAmAlive times), if any.</summary>
    public MembershipTableData? LastTable => Volatile.Read(ref _lastTable);

    /// <summary>The table this manager reads and writes.</summary>
    internal IMembershipTable Table => _table;

    /// <summary>The options in force.</summary>
    internal ClusterMembershipOptions Options => _options;

    /// <summary>The current UTC time of the injected clock, as stored in table rows.</summary>
    internal DateTime UtcNow => _time.GetUtcNow().UtcDateTime;

    /// <inheritdoc />
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var table = await _table.ReadAllAsync(cancellationToken);
        ProcessTableRead(table);
    }

    /// <summary>Starts the periodic refresh (every TableRefreshTimeout).</summary>
    public void Start()
    {
        var period = _options.TableRefreshTimeout;
        lock (_lock)
        {
            if (_stopped || _refreshTimer is not null)
            {
                return;
            }

            _refreshTimer = _time.CreateTimer(static s => _ = ((MembershipTableManager)s!).RefreshSafeAsync(), this, period, period);
        }
    }

    /// <summary>Stops refreshing, reacting to gossip and voting; the last snapshot stays readable.</summary>
    public void Stop()
    {
        ITimer? timer;
        lock (_lock)
        {
            _stopped = true;
            timer = _refreshTimer;
            _refreshTimer = null;
        }

        timer?.Dispose();
    }

    /// <inheritdoc />
    public void Dispose() => Stop();

    /// <summary>Records the status the local silo is writing for itself, before the write (so its own Dead is not taken for a death sentence).</summary>
    internal void SetLocalStatus(SiloStatus status) => _localStatus = status;

    /// <summary>Gossip from a peer: reads the table in the background if <paramref name="version"/> is newer than the local view.</summary>
    public void OnGossip(long version)
    {
        if (_stopped || version <= CurrentSnapshot.Version)
        {
            return;
        }

        LogGossipReceived(_logger, version, CurrentSnapshot.Version);
        _ = RefreshSafeAsync();
    }

    /// <summary>Whether <paramref name="entry"/> has not written IAmAlive for NumMissedTableIAmAliveLimit periods at <paramref name="now"/>.</summary>
    internal bool IsStale(MembershipEntry entry, DateTime now)
    {
        var lastAlive = entry.IAmAliveTime > entry.StartTime ? entry.IAmAliveTime : entry.StartTime;
        return now - lastAlive > _options.AllowedIAmAliveMissPeriod;
    }

    /// <summary>
    /// Votes that <paramref name="target"/> is dead (with <paramref name="intermediary"/>'s vote when an indirect probe
    /// through it failed), declaring it dead when the votes suffice. True when the target is dead afterwards.
    /// </summary>
    public async Task<bool> TryToSuspectOrKillAsync(SiloAddress target, SiloAddress? intermediary = null, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            if (_stopped || target.Equals(LocalSilo))
            {
                return false;
            }

            MembershipTableData table;
            try
            {
                table = await _table.ReadAllAsync(cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogVoteTableUnavailable(_logger, target, e);
                return false;
            }

            ProcessTableRead(table);
            if (table.Find(LocalSilo)?.Entry.Status != SiloStatus.Active || _localStatus != SiloStatus.Active)
            {
                LogNotVotingWhileInactive(_logger, target, _localStatus);
                return false;
            }

            if (table.Find(target) is not { } row)
            {
                LogVoteTargetUnknown(_logger, target);
                return false;
            }

            if (row.Entry.Status == SiloStatus.Dead)
            {
                return true;
            }

            var now = UtcNow;
            var votes = FreshVotes(row.Entry, now).Where(v => !v.Voter.Equals(LocalSilo) && !v.Voter.Equals(intermediary)).ToList();
            votes.Add(new SuspectVote(LocalSilo, now));
            if (intermediary is not null && !intermediary.Equals(target) && !intermediary.Equals(LocalSilo))
            {
                votes.Add(new SuspectVote(intermediary, now));
            }

            var activeNonStale = table.Rows.Count(r => r.Entry.Status == SiloStatus.Active && !IsStale(r.Entry, now));
            var required = Math.Min(_options.NumVotesForDeathDeclaration, (activeNonStale + 1) / 2);
            var declareDead = votes.Count >= required;
            var entry = row.Entry with { Status = declareDead ? SiloStatus.Dead : row.Entry.Status, SuspectTimes = votes };
            var version = table.Version.Next();
            bool written;
            try
            {
                written = await _table.UpdateRowAsync(entry, row.ETag, version, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogVoteTableUnavailable(_logger, target, e);
                return false;
            }

            if (!written)
            {
                LogVoteConflict(_logger, target, attempt);
                continue;
            }

            if (declareDead)
            {
                LogDeclaredDead(_logger, target, votes.Count, required, string.Join(", ", votes.Select(v => v.Voter)));
            }
            else
            {
                LogVoted(_logger, target, votes.Count, required);
            }

            await RefreshAfterWriteAsync(version.Version, declareDead ? target : null, cancellationToken, gossip: declareDead);
            return declareDead;
        }

        return false;
    }

    /// <summary>After a write of this silo: reads the table to publish the new version, and gossips it when a status changed.</summary>
    internal async Task RefreshAfterWriteAsync(long writtenVersion, SiloAddress? alsoNotify, CancellationToken cancellationToken, bool gossip = true)
    {
        try
        {
            await RefreshAsync(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogRefreshFailed(_logger, e);
        }

        if (gossip && _options.UseLivenessGossip)
        {
            foreach (var member in CurrentSnapshot.Members.Values)
            {
                if (!member.SiloAddress.Equals(LocalSilo) && (member.Status is not SiloStatus.Dead || member.SiloAddress.Equals(alsoNotify)))
                {
                    _gossiper.Notify(member.SiloAddress, writtenVersion);
                }
            }
        }
    }

    /// <summary>Publishes a newer snapshot from <paramref name="table"/> and checks whether the local silo was declared dead.</summary>
    internal void ProcessTableRead(MembershipTableData table)
    {
        var snapshot = new ClusterMembershipSnapshot
        {
            Members = table.Rows.ToImmutableDictionary(
                r => r.Entry.SiloAddress,
                r => new ClusterMember(r.Entry.SiloAddress, r.Entry.Status, r.Entry.SiloName, r.Entry.Datacenter, r.Entry.GatewayPort)),
            Version = table.Version.Version,
        };
        lock (_lock)
        {
            if (_lastTable is null || table.Version.Version >= _lastTable.Version.Version)
            {
                _lastTable = table;
            }
        }

        _publisher.TryPublish(snapshot);
        CheckIfLocalSiloIsDead(table);
    }

    private IEnumerable<SuspectVote> FreshVotes(MembershipEntry entry, DateTime now) => entry.SuspectTimes.Where(v => now - v.At < _options.DeathVoteExpirationTimeout);

    private void CheckIfLocalSiloIsDead(MembershipTableData table)
    {
        if (_localStatus == SiloStatus.Dead)
        {
            return;
        }

        var own = table.Find(LocalSilo);
        if (own is not null)
        {
            _localRowSeen = true;
            if (own.Entry.Status == SiloStatus.Dead)
            {
                KillSelf($"the membership table (version {table.Version.Version}) says this silo is dead: {own.Entry.SuspectTimes.Count} votes by {string.Join(", ", own.Entry.SuspectTimes.Select(v => v.Voter))}");
            }
        }
        else if (_localRowSeen)
        {
            KillSelf($"this silo's row has disappeared from the membership table (version {table.Version.Version})");
        }
    }

    private void KillSelf(string reason)
    {
        if (Interlocked.Exchange(ref _killed, 1) != 0)
        {
            return;
        }

        LogKillingSelf(_logger, LocalSilo, reason);
        _localStatus = SiloStatus.Dead;
        Stop();
        try
        {
            LocalSiloDeclaredDead?.Invoke();
            _lifetime.KillSelf(reason);
        }
        catch (Exception e)
        {
            LogKillSelfFailed(_logger, e);
        }
    }

    private async Task RefreshSafeAsync()
    {
        if (_stopped)
        {
            return;
        }

        try
        {
            await RefreshAsync();
        }
        catch (Exception e)
        {
            LogRefreshFailed(_logger, e);
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Could not read the membership table; will retry")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Could not vote against {Target}: the membership table is unavailable (nobody is declared dead while it is)")]
    private static partial void LogVoteTableUnavailable(ILogger logger, SiloAddress target, Exception exception);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Not voting against {Target}: the local silo is {Status}, not Active")]
    private static partial void LogNotVotingWhileInactive(ILogger logger, SiloAddress target, SiloStatus status);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Not voting against {Target}: it is not in the membership table")]
    private static partial void LogVoteTargetUnknown(ILogger logger, SiloAddress target);

    [LoggerMessage(EventId = 304, Level = LogLevel.Debug, Message = "Vote against {Target} conflicted with another write (attempt {Attempt}); reading the table again")]
    private static partial void LogVoteConflict(ILogger logger, SiloAddress target, int attempt);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "Declared silo {Target} dead with {Votes} fresh votes ({Required} required) by {Voters}")]
    private static partial void LogDeclaredDead(ILogger logger, SiloAddress target, int votes, int required, string voters);

    [LoggerMessage(EventId = 306, Level = LogLevel.Warning, Message = "Voted that silo {Target} is dead: {Votes} fresh votes, {Required} required")]
    private static partial void LogVoted(ILogger logger, SiloAddress target, int votes, int required);

    [LoggerMessage(EventId = 307, Level = LogLevel.Error, Message = "Silo {Silo} learned it was declared dead and stops itself: {Reason}")]
    private static partial void LogKillingSelf(ILogger logger, SiloAddress silo, string reason);

    [LoggerMessage(EventId = 308, Level = LogLevel.Error, Message = "Stopping the declared-dead silo failed")]
    private static partial void LogKillSelfFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 310, Level = LogLevel.Debug, Message = "Gossip: the table reached version {Version} (local view {LocalVersion}); reading it")]
    private static partial void LogGossipReceived(ILogger logger, long version, long localVersion);
}
