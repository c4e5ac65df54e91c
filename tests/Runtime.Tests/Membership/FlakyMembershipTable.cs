using FlashSale.Runtime.Membership;

namespace FlashSale.Runtime.Tests.Membership;

/// <summary>
/// A membership table decorator for fault tests: it can be made unavailable (every call throws), can hold
/// writers at a gate until a given number of them arrive (to force a race from one read), and records the
/// successful writes.
/// </summary>
internal sealed class FlakyMembershipTable(IMembershipTable inner) : IMembershipTable
{
    private readonly Lock _lock = new();
    private readonly List<(SiloAddress Silo, SiloStatus Status, int Version)> _writes = [];
    private volatile bool _available = true;
    private TaskCompletionSource? _gate;
    private int _gateArrivals;
    private int _gateSize;

    public bool Available
    {
        get => _available;
        set => _available = value;
    }

    public int FailedCalls { get; private set; }

    /// <summary>Successful inserts and updates: the row written, its status and the version the table moved to.</summary>
    public IReadOnlyList<(SiloAddress Silo, SiloStatus Status, int Version)> Writes
    {
        get
        {
            lock (_lock)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>Holds the next <paramref name="writers"/> inserts or updates until all of them have arrived.</summary>
    public void GateNextWrites(int writers)
    {
        lock (_lock)
        {
            _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _gateArrivals = 0;
            _gateSize = writers;
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnavailable();
        return inner.InitializeAsync(cancellationToken);
    }

    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnavailable();
        return inner.ReadAllAsync(cancellationToken);
    }

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken = default)
    {
        ThrowIfUnavailable();
        await PassGateAsync();
        return Record(entry, version, await inner.InsertRowAsync(entry, version, cancellationToken));
    }

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version, CancellationToken cancellationToken = default)
    {
        ThrowIfUnavailable();
        await PassGateAsync();
        return Record(entry, version, await inner.UpdateRowAsync(entry, etag, version, cancellationToken));
    }

    public Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default)
    {
        ThrowIfUnavailable();
        return inner.UpdateIAmAliveAsync(entry, cancellationToken);
    }

    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default)
    {
        ThrowIfUnavailable();
        return inner.CleanupDefunctSiloEntriesAsync(beforeDate, cancellationToken);
    }

    private bool Record(MembershipEntry entry, TableVersion version, bool written)
    {
        if (written)
        {
            lock (_lock)
            {
                _writes.Add((entry.SiloAddress, entry.Status, version.Version));
            }
        }

        return written;
    }

    private Task PassGateAsync()
    {
        lock (_lock)
        {
            if (_gate is not { } gate)
            {
                return Task.CompletedTask;
            }

            if (++_gateArrivals >= _gateSize)
            {
                _gate = null;
                gate.SetResult();
            }

            return gate.Task;
        }
    }

    private void ThrowIfUnavailable()
    {
        if (!_available)
        {
            lock (_lock)
            {
                FailedCalls++;
            }

            throw new TimeoutException("The membership table is unavailable (test fault).");
        }
    }
}
