using System.Collections.Concurrent;
using FlashSale.Runtime.Invocation;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Catalog;

/// <summary>
/// The activations of this silo by grain id. Creating an entry is cheap and side-effect free (the grain is
/// constructed later, on the activation's own turn), so a racing <c>GetOrAdd</c> that builds a loser costs
/// nothing and at most one activation per grain id exists on the silo. Once stopping, the catalog refuses
/// new activations but existing ones keep serving until they are deactivated.
/// </summary>
internal sealed partial class GrainCatalog(SiloRuntime runtime, ILogger<GrainCatalog> logger)
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly ConcurrentDictionary<GrainId, StatelessWorkerGroup> _workers = new();
    private volatile bool _stopping;

    public bool IsStopping => _stopping;

    public int ActivationCount => _activations.Count + _workers.Values.Sum(g => g.Workers.Count);

    /// <summary>Every activation, stateless workers included (a snapshot).</summary>
    public List<ActivationData> GetActivations()
    {
        var all = new List<ActivationData>(_activations.Count);
        all.AddRange(_activations.Values);
        foreach (var group in _workers.Values)
        {
            all.AddRange(group.Workers);
        }

        return all;
    }

    public bool TryGetActivation(GrainId grainId, out ActivationData? activation) => _activations.TryGetValue(grainId, out activation);

    /// <summary>Finds or creates the activation (or picks a stateless worker) for a grain id.</summary>
    public ActivationData GetOrCreate(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }

        if (_workers.TryGetValue(grainId, out var group))
        {
            return group.Pick(allowCreate: !_stopping);
        }

        if (_stopping)
        {
            throw new SiloUnavailableException($"Silo {runtime.SiloAddress} is shutting down and accepts no new activations (grain {grainId}).");
        }

        var metadata = runtime.GrainTypes.GetMetadata(grainId.Type);
        var maxWorkers = runtime.GrainTypes.GetMaxLocalWorkers(metadata);
        if (maxWorkers > 0)
        {
            return _workers.GetOrAdd(grainId, id => new StatelessWorkerGroup(id, metadata, runtime, maxWorkers)).Pick();
        }

        return _activations.GetOrAdd(grainId, static (id, state) => new ActivationData(id, state.metadata, state.runtime, null), (metadata, runtime));
    }

    /// <summary>Removes an activation that has become invalid (only if it is still the registered one).</summary>
    public void Remove(ActivationData activation)
    {
        if (activation.Group is { } group)
        {
            // The group stays even when empty: references cache it, and a detached group would hide its new workers.
            group.Remove(activation);
            return;
        }

        _activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation));
    }

    /// <summary>Refuses new activations from now on.</summary>
    public void BeginStopping() => _stopping = true;

    /// <summary>Deactivates every activation (running <c>OnDeactivateAsync</c>) and waits up to the timeout.</summary>
    public async Task DeactivateAllAsync(DeactivationReason reason, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _stopping = true;
        var activations = GetActivations();
        foreach (var activation in activations)
        {
            activation.Deactivate(reason);
        }

        var all = Task.WhenAll(activations.Select(a => a.Deactivated));
        try
        {
            await all.WaitAsync(timeout, runtime.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Stuck grains must not hold the silo hostage: the caller aborts whatever is left.
            LogDeactivationTimedOut(logger, activations.Count(a => !a.Deactivated.IsCompleted), timeout);
        }
    }

    /// <summary>Drops every activation without running grain code (an abrupt kill) and returns the requests they held.</summary>
    public List<RequestBase> AbortAll()
    {
        _stopping = true;
        var orphans = new List<RequestBase>();
        foreach (var activation in GetActivations())
        {
            orphans.AddRange(activation.Abort());
        }

        _activations.Clear();
        _workers.Clear();
        return orphans;
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "{Count} activations did not finish deactivating within {Timeout}")]
    private static partial void LogDeactivationTimedOut(ILogger logger, int count, TimeSpan timeout);
}
