using FlashSale.Runtime.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Reminders;

/// <summary>
/// Delivers durable reminders.
///
/// Guarantees: a registered reminder is in the table before registration returns, so it survives the
/// deactivation of its grain and the loss of the silo that registered it. The silo that owns the reminder's
/// grain hash on the ring (the grain directory's ring: the whole ring for a cluster of one) keeps a local
/// timer per reminder and calls <see cref="IRemindable.ReceiveReminder"/>, activating the grain if needed.
/// The table is re-read every <see cref="ReminderOptions.RefreshReminderListPeriod"/> and whenever the
/// owned range changes, so ownership moves without losing reminders. Ticks are at-least-once per period:
/// a tick that fails is logged and the next one is still scheduled. Times come from the injected
/// <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class ReminderService : IReminderService, IDisposable
{
    private readonly IReminderTable _table;
    private readonly SiloRuntime _runtime;
    private readonly ReminderOptions _options;
    private readonly ILogger<ReminderService> _logger;
    private readonly Dictionary<(GrainId, string), LocalReminder> _local = [];
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private ITimer? _refreshTimer;
    private Func<uint, bool> _owns = static _ => true;
    private bool _stopped;

    public ReminderService(IReminderTable table, SiloRuntime runtime, IOptions<ReminderOptions> options, ILogger<ReminderService> logger)
    {
        _table = table;
        _runtime = runtime;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>How many reminders this silo is currently running timers for.</summary>
    public int LocalReminderCount
    {
        get
        {
            lock (_lock)
            {
                return _local.Count;
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _table.InitializeAsync(cancellationToken);
        await RefreshAsync(cancellationToken);
        var period = _options.RefreshReminderListPeriod;
        _refreshTimer = _runtime.Time.CreateTimer(static s => _ = ((ReminderService)s!).RefreshSafeAsync(), this, period, period);
    }

    public void Stop()
    {
        lock (_lock)
        {
            _stopped = true;
            foreach (var reminder in _local.Values)
            {
                reminder.Dispose();
            }

            _local.Clear();
        }

        _refreshTimer?.Dispose();
    }

    public void Dispose()
    {
        Stop();
        _refreshGate.Dispose();
    }

    /// <summary>Changes which grain hashes this silo owns (its ranges of the ring) and reloads its reminders.</summary>
    public Task SetOwnershipAsync(Func<uint, bool> ownsHash, CancellationToken cancellationToken = default)
    {
        _owns = ownsHash;
        return RefreshAsync(cancellationToken);
    }

    public async Task<IGrainReminder> RegisterOrUpdateReminderAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        if (period < _options.MinimumReminderPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"A reminder period must be at least {_options.MinimumReminderPeriod} (ReminderOptions.MinimumReminderPeriod).");
        }

        if (dueTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A reminder's due time must not be negative.");
        }

        var entry = new ReminderEntry
        {
            GrainId = grainId,
            ReminderName = reminderName,
            StartAt = _runtime.Time.GetUtcNow().UtcDateTime + dueTime,
            Period = period,
        };
        var etag = await _table.UpsertRowAsync(entry);
        entry = entry with { ETag = etag };
        if (_owns(grainId.UniformHash))
        {
            Schedule(entry);
        }

        return new GrainReminder(grainId, reminderName, etag);
    }

    public async Task UnregisterReminderAsync(GrainId grainId, IGrainReminder reminder)
    {
        // Serialized with refreshes: a refresh that read the row before it was removed must not schedule it again.
        await _refreshGate.WaitAsync();
        try
        {
            var row = await _table.ReadRowAsync(grainId, reminder.ReminderName);
            if (row?.ETag is { } etag)
            {
                await _table.RemoveRowAsync(grainId, reminder.ReminderName, etag);
            }

            lock (_lock)
            {
                if (_local.Remove((grainId, reminder.ReminderName), out var local))
                {
                    local.Dispose();
                }
            }
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    public async Task<IGrainReminder?> GetReminderAsync(GrainId grainId, string reminderName)
    {
        var row = await _table.ReadRowAsync(grainId, reminderName);
        return row is null ? null : new GrainReminder(row.GrainId, row.ReminderName, row.ETag ?? string.Empty);
    }

    public async Task<IReadOnlyList<IGrainReminder>> GetRemindersAsync(GrainId grainId)
    {
        var rows = await _table.ReadRowsAsync(grainId);
        return [.. rows.Select(r => (IGrainReminder)new GrainReminder(r.GrainId, r.ReminderName, r.ETag ?? string.Empty))];
    }

    /// <summary>Re-reads the owned range of the table and reconciles the local timers with it.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            var owns = _owns;
            var rows = await _table.ReadRangeAsync(0, 0, cancellationToken);
            var seen = new HashSet<(GrainId, string)>();
            foreach (var row in rows)
            {
                if (!owns(row.GrainId.UniformHash))
                {
                    continue;
                }

                seen.Add((row.GrainId, row.ReminderName));
                Schedule(row);
            }

            lock (_lock)
            {
                foreach (var key in _local.Keys.Where(k => !seen.Contains(k)).ToList())
                {
                    _local.Remove(key, out var gone);
                    gone!.Dispose();
                }
            }
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private async Task RefreshSafeAsync()
    {
        try
        {
            await RefreshAsync();
        }
        catch (Exception e)
        {
            LogRefreshFailed(_logger, e);
        }
    }

    private void Schedule(ReminderEntry entry)
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            var key = (entry.GrainId, entry.ReminderName);
            if (_local.TryGetValue(key, out var existing))
            {
                if (existing.Entry.ETag == entry.ETag)
                {
                    return;
                }

                existing.Dispose();
            }

            _local[key] = new LocalReminder(this, entry);
        }
    }

    private async Task DeliverAsync(LocalReminder reminder, DateTime dueAt)
    {
        var entry = reminder.Entry;
        try
        {
            var grain = _runtime.GrainFactory.GetGrain<IRemindable>(entry.GrainId);
            await grain.ReceiveReminder(entry.ReminderName, new TickStatus(entry.StartAt, entry.Period, dueAt));
        }
        catch (Exception e)
        {
            LogTickFailed(_logger, entry.ReminderName, entry.GrainId, e);
        }
    }

    [LoggerMessage(EventId = 150, Level = LogLevel.Warning, Message = "Reminder {ReminderName} of {GrainId} failed to tick")]
    private static partial void LogTickFailed(ILogger logger, string reminderName, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 151, Level = LogLevel.Warning, Message = "Refreshing the reminder list failed; will retry")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    /// <summary>The local timer of one reminder: fires at each due time, computed from the start and the period.</summary>
    private sealed class LocalReminder : IDisposable
    {
        private readonly ReminderService _service;
        private readonly ITimer _timer;
        private DateTime _nextDue;
        private int _disposed;

        public LocalReminder(ReminderService service, ReminderEntry entry)
        {
            _service = service;
            Entry = entry;
            var now = service._runtime.Time.GetUtcNow().UtcDateTime;
            _nextDue = NextDueAfter(entry, now, inclusive: true);
            _timer = service._runtime.Time.CreateTimer(static s => _ = ((LocalReminder)s!).FireAsync(), this, Max(_nextDue - now), Timeout.InfiniteTimeSpan);
        }

        public ReminderEntry Entry { get; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _timer.Dispose();
            }
        }

        private static TimeSpan Max(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;

        private static DateTime NextDueAfter(ReminderEntry entry, DateTime now, bool inclusive)
        {
            if (entry.StartAt > now || (inclusive && entry.StartAt == now))
            {
                return entry.StartAt;
            }

            var periods = (long)Math.Floor((now - entry.StartAt).Ticks / (double)entry.Period.Ticks) + 1;
            return entry.StartAt + TimeSpan.FromTicks(entry.Period.Ticks * periods);
        }

        private async Task FireAsync()
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            await _service.DeliverAsync(this, _nextDue);
            if (Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            var now = _service._runtime.Time.GetUtcNow().UtcDateTime;
            _nextDue = NextDueAfter(Entry, now > _nextDue ? now : _nextDue, inclusive: false);
            try
            {
                _timer.Change(Max(_nextDue - now), Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
