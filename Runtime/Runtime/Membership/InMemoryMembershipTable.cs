using System.Globalization;

namespace FlashSale.Runtime.Membership;

/// <summary>
/// A membership table in memory, with the optimistic concurrency of <see cref="IMembershipTable"/>: every
/// insert and update must name the next table version (and the current version's ETag), updates also the
/// row's ETag, and each successful write moves the table to that version with a new version ETag. IAmAlive
/// writes change the row's ETag (so a conditional update from an older read cannot roll the time back) but
/// never the table version. One instance may be shared by the silos of a process
/// (<see cref="Hosting.SharedMemoryProviders.MembershipTable"/>), like a database; it is the table the
/// primary silo hosts in development clustering.
/// </summary>
public sealed class InMemoryMembershipTable : IMembershipTable
{
    private readonly Dictionary<SiloAddress, MembershipRow> _rows = [];
    private readonly Lock _lock = new();
    private TableVersion _version = new(0, "0");
    private long _lastEtag;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(new MembershipTableData([.. _rows.Values], _version));
        }
    }

    /// <inheritdoc />
    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        lock (_lock)
        {
            if (_rows.ContainsKey(entry.SiloAddress) || !IsNextVersion(version))
            {
                return Task.FromResult(false);
            }

            _rows[entry.SiloAddress] = new MembershipRow(Copy(entry), NewEtag());
            _version = new TableVersion(version.Version, NewEtag());
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        lock (_lock)
        {
            if (!_rows.TryGetValue(entry.SiloAddress, out var row) || !string.Equals(row.ETag, etag, StringComparison.Ordinal) || !IsNextVersion(version))
            {
                return Task.FromResult(false);
            }

            _rows[entry.SiloAddress] = new MembershipRow(Copy(entry), NewEtag());
            _version = new TableVersion(version.Version, NewEtag());
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            if (_rows.TryGetValue(entry.SiloAddress, out var row))
            {
                _rows[entry.SiloAddress] = new MembershipRow(row.Entry with { IAmAliveTime = entry.IAmAliveTime }, NewEtag());
            }

            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var cutoff = beforeDate.UtcDateTime;
            foreach (var (silo, row) in _rows.ToList())
            {
                if (row.Entry.Status == SiloStatus.Dead && LastAlive(row.Entry) < cutoff)
                {
                    _rows.Remove(silo);
                }
            }

            return Task.CompletedTask;
        }
    }

    private static DateTime LastAlive(MembershipEntry entry) => entry.IAmAliveTime > entry.StartTime ? entry.IAmAliveTime : entry.StartTime;

    // Rows are records with an immutable vote list; copying the list keeps a caller's later mutation of its own
    // list out of the table.
    private static MembershipEntry Copy(MembershipEntry entry) => entry with { SuspectTimes = [.. entry.SuspectTimes] };

    private bool IsNextVersion(TableVersion version) =>
        version.Version == _version.Version + 1 && string.Equals(version.VersionEtag, _version.VersionEtag, StringComparison.Ordinal);

    private string NewEtag() => (++_lastEtag).ToString(CultureInfo.InvariantCulture);
}
