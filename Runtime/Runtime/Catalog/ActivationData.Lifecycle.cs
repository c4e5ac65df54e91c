using FlashSale.Runtime.Invocation;
using FlashSale.Runtime.Timers;

namespace FlashSale.Runtime.Catalog;

/// <content>Activation and deactivation: directory registration, construction, lifecycle hooks, retirement.</content>
internal sealed partial class ActivationData
{
    private async void RunActivation()
    {
        Exception? failure = null;
        try
        {
            if (Group is null && !await RegisterInDirectoryAsync())
            {
                return;
            }

            RuntimeContext.Constructing = this;
            try
            {
                GrainInstance = Metadata.Factory(this);
            }
            finally
            {
                RuntimeContext.Constructing = null;
            }

            var timeout = Shared.CollectionOptions.ActivationTimeout;
            using var cts = new CancellationTokenSource(timeout, Shared.Time);
            if (_participants is not null)
            {
                foreach (var participant in _participants)
                {
                    await participant.OnActivateAsync(cts.Token).WaitAsync(timeout, Shared.Time);
                }
            }

            if (GrainInstance is Grain grain)
            {
                // Bounded even when the grain ignores its token: callers must not queue behind it forever.
                await grain.OnActivateAsync(cts.Token).WaitAsync(timeout, Shared.Time);
            }
        }
        catch (Exception e)
        {
            failure = e;
        }

        if (failure is null)
        {
            bool deactivate;
            lock (_lock)
            {
                if (_state != ActivationState.Activating)
                {
                    // Aborted (the silo was killed) while activating: it must not come back to life.
                    return;
                }

                _state = ActivationState.Valid;
                _lastActive = Shared.Time.GetTimestamp();
                deactivate = _pendingDeactivation is not null;
            }

            Shared.Metrics.ActivationCreated(Metadata.GrainType);
            if (deactivate)
            {
                BeginDeactivation();
            }

            return;
        }

        LogActivationFailed(Shared.Logger, GrainId, failure);
        if (Address is { } registered)
        {
            await Shared.Directory.UnregisterAsync(registered);
        }

        foreach (var request in Retire(reroute: false))
        {
            request.Exception = failure;
            Shared.RuntimeClient.Respond(request);
        }
    }

    /// <summary>Registers with the directory; false if another activation of the grain won and this one gave way.</summary>
    private async Task<bool> RegisterInDirectoryAsync()
    {
        var address = new GrainAddress { GrainId = GrainId, SiloAddress = Silo, ActivationId = ActivationId, MembershipVersion = Shared.ClusterView.Snapshot.Version };
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var winner = await Shared.Directory.RegisterAsync(address);
            if (winner.Matches(address))
            {
                Address = address;
                return true;
            }

            if (!winner.SiloAddress.Equals(Silo) || (Shared.Catalog.TryGetActivation(GrainId, out var live) && live!.ActivationId == winner.ActivationId))
            {
                break;
            }

            // The entry names an activation of this silo that no longer exists (an unregister that was lost):
            // remove exactly that entry and register again, as Orleans does for non-existent activations.
            await Shared.Directory.UnregisterAsync(winner);
        }

        // A duplicate: the grain is already active elsewhere. Everything queued here goes to the winner.
        Retire(reroute: true);
        return false;
    }

    /// <summary>
    /// The one way out of the catalog: becomes Invalid, leaves the catalog, and re-routes (or drops, for timer
    /// ticks of this activation) whatever was still waiting. Leaving the catalog before re-routing is what keeps a
    /// waiting request from finding this activation again.
    /// </summary>
    private List<RequestBase> Retire(bool reroute)
    {
        List<RequestBase> waiting;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            waiting = _waiting.DrainAll();
            _waitingInterleavable = 0;
        }

        Shared.Catalog.Remove(this);
        StopTimers();
        _deactivated.TrySetResult();
        waiting.RemoveAll(r => r is TimerTickRequest);
        if (reroute)
        {
            foreach (var request in waiting)
            {
                Shared.RuntimeClient.Reroute(request);
            }
        }

        return waiting;
    }

    private async void BeginDeactivation()
    {
        DeactivationReason reason;
        lock (_lock)
        {
            if (_state != ActivationState.Valid || _running.Count > 0)
            {
                // Not yet: the last running request's completion starts it.
                return;
            }

            _state = ActivationState.Deactivating;
            reason = _pendingDeactivation ?? new DeactivationReason(DeactivationReasonCode.RuntimeRequested, "Deactivated by the runtime.");
        }

        StopTimers();
        var timeout = Shared.CollectionOptions.DeactivationTimeout;
        using (var cts = new CancellationTokenSource(timeout, Shared.Time))
        {
            try
            {
                if (GrainInstance is Grain grain)
                {
                    // A grain that ignores its token must not keep the activation (or a silo's shutdown) forever.
                    await grain.OnDeactivateAsync(reason, cts.Token).WaitAsync(timeout, Shared.Time);
                }
            }
            catch (Exception e)
            {
                LogDeactivationFailed(Shared.Logger, GrainId, e);
            }

            if (_participants is not null)
            {
                for (var i = _participants.Count - 1; i >= 0; i--)
                {
                    try
                    {
                        await _participants[i].OnDeactivateAsync(cts.Token).WaitAsync(timeout, Shared.Time);
                    }
                    catch (Exception e)
                    {
                        LogDeactivationFailed(Shared.Logger, GrainId, e);
                    }
                }
            }
        }

        // Unregister while still in the catalog (requests keep queueing here), then leave and hand them on.
        if (Address is { } registered)
        {
            await Shared.Directory.UnregisterAsync(registered);
        }

        Retire(reroute: true);
        Shared.Metrics.ActivationRemoved(Metadata.GrainType);
        LogDeactivated(Shared.Logger, GrainId, reason.ToString());
        try
        {
            (GrainInstance as IDisposable)?.Dispose();
        }
        catch (Exception e)
        {
            LogDeactivationFailed(Shared.Logger, GrainId, e);
        }
    }

    private void StopTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            if (_timers is null || _timers.Count == 0)
            {
                return;
            }

            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }
}
