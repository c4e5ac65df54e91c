using System.Globalization;

namespace FlashSale.Runtime.Reminders;

/// <summary>
/// A reminder table in memory. One instance may be shared by the silos of a process (a TestCluster), so that
/// reminders survive the loss of the silo that registered them, as they would with a database.
/// </summary>
public sealed class InMemoryReminderTable : IReminderTable
{
    private readonly Dictionary<(GrainId, string), ReminderEntry> _rows = [];
    private readonly Lock _lock = new();
    private long _version;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_rows.GetValueOrDefault((grainId, reminderName)));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<ReminderEntry> rows = [.. _rows.Values.Where(r => r.GrainId == grainId)];
            return Task.FromResult(rows);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<ReminderEntry> rows = [.. _rows.Values.Where(r => RingRange.Contains(begin, end, r.GrainId.UniformHash))];
            return Task.FromResult(rows);
        }
    }

    /// <inheritdoc />
    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var etag = (++_version).ToString(CultureInfo.InvariantCulture);
            _rows[(entry.GrainId, entry.ReminderName)] = entry with { ETag = etag };
            return Task.FromResult(etag);
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string etag, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var removed = _rows.TryGetValue((grainId, reminderName), out var row) && row.ETag == etag && _rows.Remove((grainId, reminderName));
            return Task.FromResult(removed);
        }
    }
}
