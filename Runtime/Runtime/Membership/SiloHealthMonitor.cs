namespace FlashSale.Runtime.Membership;

/// <summary>
/// Probes one silo: one probe per ProbeTimeout, each with a ProbeTimeout deadline, counting consecutive
/// misses. Once NumMissedProbesLimit-1 probes in a row have failed, the next ones go through a random other
/// active silo (when indirect probes are enabled and such a silo exists); an indirect probe is given twice the
/// time, so that the intermediary's own ProbeTimeout can expire first. Any success resets the count; an
/// indirect probe whose intermediary did not answer neither counts nor resets. Each failure at or past
/// NumMissedProbesLimit is reported (with the intermediary, for an indirect one), and the owner votes.
/// </summary>
internal sealed class SiloHealthMonitor : IDisposable
{
    private readonly ClusterHealthMonitor _owner;
    private readonly CancellationTokenSource _stop = new();
    private int _missedProbes;

    public SiloHealthMonitor(ClusterHealthMonitor owner, SiloAddress target)
    {
        _owner = owner;
        Target = target;
    }

    /// <summary>The silo probed.</summary>
    public SiloAddress Target { get; }

    /// <summary>Consecutive missed probes.</summary>
    public int MissedProbes => Volatile.Read(ref _missedProbes);

    /// <summary>Starts the probe loop, detached from the caller's synchronization context (it must never run inside a grain's turn).</summary>
    public void Start()
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            _ = RunAsync();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    /// <summary>Stops the probe loop; a probe in flight is abandoned.</summary>
    public void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <inheritdoc />
    public void Dispose() => Stop();

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        var time = _owner.Time;
        var period = _owner.Options.ProbeTimeout;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var started = time.GetTimestamp();
                await ProbeOnceAsync(ct);
                var remaining = period - time.GetElapsedTime(started);
                if (remaining > TimeSpan.Zero)
                {
                    await time.DelayAsync(remaining, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _owner.OnMonitorFailed(Target, e);
        }
        finally
        {
            _stop.Dispose();
        }
    }

    private async Task ProbeOnceAsync(CancellationToken ct)
    {
        var options = _owner.Options;
        var intermediary = options.EnableIndirectProbes && MissedProbes >= options.NumMissedProbesLimit - 1 ? _owner.PickIntermediary(Target) : null;
        ProbeResult result;
        if (intermediary is null)
        {
            using var deadline = new CancellationTokenSource(options.ProbeTimeout, _owner.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
            result = await _owner.Prober.ProbeAsync(Target, linked.Token) ? ProbeResult.Succeeded : ProbeResult.Failed;
        }
        else
        {
            using var deadline = new CancellationTokenSource(options.ProbeTimeout * 2, _owner.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
            result = await _owner.Prober.ProbeIndirectlyAsync(intermediary, Target, options.ProbeTimeout, linked.Token);
        }

        ct.ThrowIfCancellationRequested();
        switch (result)
        {
            case ProbeResult.Succeeded:
                if (Interlocked.Exchange(ref _missedProbes, 0) > 0)
                {
                    _owner.OnProbeRecovered(Target, intermediary);
                }

                break;
            case ProbeResult.Failed:
                var missed = Interlocked.Increment(ref _missedProbes);
                _owner.OnProbeFailed(Target, intermediary, missed);
                if (missed >= options.NumMissedProbesLimit)
                {
                    await _owner.VoteAsync(Target, intermediary, ct);
                }

                break;
            default:
                _owner.OnIndirectProbeUnknown(Target, intermediary!);
                break;
        }
    }
}
