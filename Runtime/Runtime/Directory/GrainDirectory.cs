using System.Collections.Concurrent;
using FlashSale.Runtime.Catalog;
using FlashSale.Runtime.Membership;
using FlashSale.Runtime.SystemTargets;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Directory;

/// <summary>
/// The distributed grain directory: which silo hosts the activation of each grain.
///
/// Design. Entries are partitioned over the consistent-hash ring of the active silos
/// (<see cref="ConsistentRing"/>); the owner of a grain's hash keeps its entry (<see cref="GrainDirectoryPartition"/>),
/// and every silo can reach every owner through the <see cref="IRemoteGrainDirectory"/> system target.
/// An activation registers itself before it runs any grain code; registration is first-wins, so when calls
/// from several silos race to create the same grain, exactly one activation survives and the others forward
/// their queued requests to it and go away (<see cref="DeactivationReasonCode.DuplicateActivation"/>).
/// Lookups are cached per silo; a cache entry is dropped when its silo is declared dead, when a call through
/// it fails with <see cref="SiloUnavailableException"/>, or when a registration finds the grain elsewhere, and is
/// ignored while its silo is not alive.
///
/// Membership changes. When the ring changes, each silo re-registers with the new owner every local
/// activation whose owner changed (hand-off by the hosting silos themselves, so no entry depends on a silo
/// that may have died), and every owner drops the entries of silos that are no longer alive. During the
/// change a lookup may briefly miss and a duplicate activation may be created; the next registration
/// resolves it, as Orleans documents for its directory. Entries of a killed silo disappear once membership
/// declares it dead, after which the next call creates the grain elsewhere.
/// </summary>
internal sealed partial class GrainDirectory : IRemoteGrainDirectory, IDisposable
{
    /// <summary>The most lookups a silo caches; past it the cache starts over (entries are cheap to look up again).</summary>
    public const int MaxCachedAddresses = 200_000;

    private readonly SiloRuntime _runtime;
    private readonly IClusterView _view;
    private readonly ILogger<GrainDirectory> _logger;
    private readonly GrainDirectoryPartition _partition = new();
    private readonly ConcurrentDictionary<GrainId, GrainAddress> _cache = new();
    private readonly SemaphoreSlim _viewGate = new(1, 1);
    private ConsistentRing _ring;
    private long _appliedVersion;

    public GrainDirectory(SiloRuntime runtime, IClusterView view, ILogger<GrainDirectory> logger)
    {
        _runtime = runtime;
        _view = view;
        _logger = logger;
        _ring = ConsistentRing.Build(ActiveSilos(view.Snapshot));
        view.Changed += snapshot => _ = OnViewChangedAsync(snapshot);
    }

    public int PartitionSize => _partition.Count;

    public void Dispose() => _viewGate.Dispose();

    public SiloAddress? GetOwner(GrainId grainId) => _ring.GetOwner(grainId.UniformHash);

    /// <summary>The silo owning a hash of the ring (null while the ring is empty).</summary>
    public SiloAddress? GetOwner(uint hash) => _ring.GetOwner(hash);

    public bool TryGetCached(GrainId grainId, out GrainAddress? address) => _cache.TryGetValue(grainId, out address);

    public void Invalidate(GrainId grainId) => _cache.TryRemove(grainId, out _);

    public void Invalidate(GrainAddress address) => _cache.TryRemove(KeyValuePair.Create(address.GrainId, address));

    /// <summary>Registers an activation with the owner of its grain; returns the winner.</summary>
    public async Task<GrainAddress> RegisterAsync(GrainAddress address)
    {
        var owner = GetOwner(address.GrainId);
        var winner = owner is null || IsLocal(owner)
            ? _partition.Register(address, IsAlive)
            : await _runtime.RuntimeClient.GetSystemTarget<IRemoteGrainDirectory>(owner).Register(address).ConfigureAwait(false);
        Cache(winner);
        return winner;
    }

    /// <summary>Finds the activation of a grain: from the cache, or by asking the owner.</summary>
    public async Task<GrainAddress?> LookupAsync(GrainId grainId)
    {
        if (_cache.TryGetValue(grainId, out var cached) && IsAlive(cached.SiloAddress))
        {
            return cached;
        }

        var owner = GetOwner(grainId);
        var found = owner is null || IsLocal(owner)
            ? _partition.Lookup(grainId)
            : await _runtime.RuntimeClient.GetSystemTarget<IRemoteGrainDirectory>(owner).Lookup(grainId).ConfigureAwait(false);
        if (found is not null && !IsAlive(found.SiloAddress))
        {
            found = null;
        }

        if (found is not null)
        {
            Cache(found);
        }

        return found;
    }

    /// <summary>Removes an activation's entry (best effort: a failure leaves it to membership cleanup).</summary>
    public async Task UnregisterAsync(GrainAddress address)
    {
        Invalidate(address);
        try
        {
            var owner = GetOwner(address.GrainId);
            if (owner is null || IsLocal(owner))
            {
                _partition.Unregister(address);
            }
            else
            {
                await _runtime.RuntimeClient.GetSystemTarget<IRemoteGrainDirectory>(owner).Unregister(address).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            LogUnregisterFailed(_logger, address.ToString(), e.Message);
        }
    }

    Task<GrainAddress> IRemoteGrainDirectory.Register(GrainAddress address)
    {
        var winner = _partition.Register(address, IsAlive);
        return Task.FromResult(winner);
    }

    Task<List<GrainAddress>> IRemoteGrainDirectory.RegisterMany(List<GrainAddress> addresses)
    {
        var winners = new List<GrainAddress>(addresses.Count);
        foreach (var address in addresses)
        {
            winners.Add(_partition.Register(address, IsAlive));
        }

        return Task.FromResult(winners);
    }

    Task<GrainAddress?> IRemoteGrainDirectory.Lookup(GrainId grainId) => Task.FromResult(_partition.Lookup(grainId));

    Task IRemoteGrainDirectory.Unregister(GrainAddress address)
    {
        _partition.Unregister(address);
        return Task.CompletedTask;
    }

    public bool IsLocal(SiloAddress silo) => silo.Equals(_runtime.SiloAddress);

    private void Cache(GrainAddress address)
    {
        if (_cache.Count >= MaxCachedAddresses)
        {
            _cache.Clear();
        }

        _cache[address.GrainId] = address;
    }

    public bool IsAlive(SiloAddress silo) => IsLocal(silo) || _view.Snapshot.GetStatus(silo) is SiloStatus.Active or SiloStatus.ShuttingDown or SiloStatus.Joining;

    private static IEnumerable<SiloAddress> ActiveSilos(ClusterMembershipSnapshot snapshot) => snapshot.ActiveMembers.Select(m => m.SiloAddress);

    private async Task OnViewChangedAsync(ClusterMembershipSnapshot snapshot)
    {
        await _viewGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (snapshot.Version <= _appliedVersion)
            {
                // Views only move forward: an older one arriving late must not turn the ring back.
                return;
            }

            _appliedVersion = snapshot.Version;
            var previous = _ring;
            var next = ConsistentRing.Build(ActiveSilos(snapshot));
            _ring = next;

            foreach (var (silo, member) in snapshot.Members)
            {
                if (member.Status == SiloStatus.Dead && !IsLocal(silo))
                {
                    var removed = _partition.RemoveSilo(silo);
                    foreach (var (grain, address) in _cache)
                    {
                        if (address.SiloAddress.Equals(silo))
                        {
                            _cache.TryRemove(grain, out _);
                        }
                    }

                    if (removed > 0)
                    {
                        LogRemovedDeadSiloEntries(_logger, removed, silo);
                    }
                }
            }

            // Entries this silo owned but no longer owns: the hosting silos re-register them with the new owner
            // below; dropping them here keeps lookups from answering with stale ownership.
            _partition.RemoveWhere(a => next.GetOwner(a.GrainId.UniformHash) is { } owner && !IsLocal(owner));
            await HandOffLocalActivationsAsync(previous, next).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogViewChangeFailed(_logger, e);
        }
        finally
        {
            _viewGate.Release();
        }
    }

    private async Task HandOffLocalActivationsAsync(ConsistentRing previous, ConsistentRing next)
    {
        var byOwner = new Dictionary<SiloAddress, List<(ActivationData Activation, GrainAddress Address)>>();
        foreach (var activation in _runtime.Catalog.GetActivations())
        {
            if (activation.Group is not null || activation.Address is not { } address || activation.State != ActivationState.Valid)
            {
                continue;
            }

            var hash = activation.GrainId.UniformHash;
            if (next.GetOwner(hash) is not { } owner || Equals(previous.GetOwner(hash), owner))
            {
                continue;
            }

            if (!byOwner.TryGetValue(owner, out var list))
            {
                byOwner[owner] = list = [];
            }

            list.Add((activation, address));
        }

        foreach (var (owner, entries) in byOwner)
        {
            try
            {
                List<GrainAddress> winners;
                if (IsLocal(owner))
                {
                    winners = [.. entries.Select(e => _partition.Register(e.Address, IsAlive))];
                }
                else
                {
                    winners = await _runtime.RuntimeClient.GetSystemTarget<IRemoteGrainDirectory>(owner).RegisterMany([.. entries.Select(e => e.Address)]).ConfigureAwait(false);
                }

                for (var i = 0; i < entries.Count; i++)
                {
                    if (!winners[i].Matches(entries[i].Address))
                    {
                        // Another silo created the same grain while ownership moved: this copy gives way.
                        Cache(winners[i]);
                        entries[i].Activation.Deactivate(new DeactivationReason(DeactivationReasonCode.DuplicateActivation, $"The grain is active on {winners[i].SiloAddress}."));
                    }
                }
            }
            catch (Exception e)
            {
                LogHandOffFailed(_logger, entries.Count, owner, e.Message);
            }
        }
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Debug, Message = "Unregistering {Address} failed: {Reason}")]
    private static partial void LogUnregisterFailed(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 211, Level = LogLevel.Information, Message = "Removed {Count} directory entries of dead silo {Silo}")]
    private static partial void LogRemovedDeadSiloEntries(ILogger logger, int count, SiloAddress silo);

    [LoggerMessage(EventId = 212, Level = LogLevel.Warning, Message = "Handing off {Count} directory entries to {Owner} failed: {Reason}")]
    private static partial void LogHandOffFailed(ILogger logger, int count, SiloAddress owner, string reason);

    [LoggerMessage(EventId = 213, Level = LogLevel.Error, Message = "Applying a membership change to the directory failed")]
    private static partial void LogViewChangeFailed(ILogger logger, Exception exception);
}
