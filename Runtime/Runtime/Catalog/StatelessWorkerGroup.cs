using FlashSale.Runtime.CodeGeneration;

namespace FlashSale.Runtime.Catalog;

/// <summary>
/// The local activations of one <c>[StatelessWorker]</c> grain id. A call goes to an idle worker if there is
/// one, else a new worker is created while fewer than the limit exist, else the least loaded one takes it.
/// Workers are never registered in a directory and never leave their silo.
/// </summary>
internal sealed class StatelessWorkerGroup(GrainId grainId, GrainClassMetadata metadata, SiloRuntime runtime, int maxWorkers)
{
    private readonly Lock _lock = new();
    private ActivationData[] _workers = [];

    public GrainId GrainId { get; } = grainId;

    public int MaxWorkers { get; } = maxWorkers;

    public IReadOnlyList<ActivationData> Workers => Volatile.Read(ref _workers);

    /// <summary>Picks a worker; creates one when allowed and useful. Throws when there is none and none may be created.</summary>
    public ActivationData Pick(bool allowCreate = true)
    {
        var workers = Volatile.Read(ref _workers);
        foreach (var worker in workers)
        {
            if (worker.LooksIdle)
            {
                return worker;
            }
        }

        if (workers.Length < MaxWorkers && allowCreate)
        {
            lock (_lock)
            {
                if (_workers.Length < MaxWorkers)
                {
                    var created = new ActivationData(GrainId, metadata, runtime, this);
                    _workers = [.. _workers, created];
                    return created;
                }

                workers = _workers;
            }
        }

        if (workers.Length == 0)
        {
            throw new SiloUnavailableException($"Silo {runtime.SiloAddress} is shutting down and starts no new stateless worker for {GrainId}.");
        }

        var best = workers[0];
        foreach (var worker in workers)
        {
            if (worker.Load < best.Load)
            {
                best = worker;
            }
        }

        return best;
    }

    /// <summary>Removes a worker.</summary>
    public void Remove(ActivationData worker)
    {
        lock (_lock)
        {
            _workers = Array.FindAll(_workers, w => !ReferenceEquals(w, worker));
        }
    }
}
