using FlashSale.Runtime.CodeGeneration;
using FlashSale.Runtime.Invocation;
using FlashSale.Runtime.Scheduler;
using FlashSale.Runtime.Storage;
using FlashSale.Runtime.Timers;

namespace FlashSale.Runtime.Catalog;

/// <summary>
/// One activation of a grain: its instance, its mailbox and its turn scheduler.
///
/// Guarantees
/// - At most one thread runs inside the activation at a time. Work runs as a thread-pool work item that
///   drains the activation's queue; while it runs, <see cref="ActivationSynchronizationContext"/> is current,
///   so every <c>await</c> in grain code posts its continuation back here. A turn ends at each await.
/// - A non-reentrant grain starts the next request only when the running one has completed, unless the
///   incoming request may interleave: the grain is <c>[Reentrant]</c>, the method is
///   <c>[AlwaysInterleave]</c>, only interleaving requests run, or all running and the incoming are
///   <c>[ReadOnly]</c> (Orleans' MayInvokeRequest rules). Timer ticks are requests like any other.
/// - Requests start in arrival order; an interleavable request may overtake a blocked head.
/// - Every request is answered exactly once: by the grain, by a failure, or by a timeout
///   (<see cref="CollectExpired"/>); a request that expired while waiting is not invoked.
///
/// Lifecycle: Creating → Activating (construct, lifecycle participants such as persistent state,
/// <c>OnActivateAsync</c>) → Valid → Deactivating (<c>OnDeactivateAsync</c>, participants) → Invalid.
/// If activation fails, every waiting request fails with the activation's exception and the next call
/// creates a fresh activation. Requests that reach an Invalid activation, or wait on one that deactivates,
/// are re-routed through the runtime, so a deactivation never loses a message.
/// </summary>
internal sealed partial class ActivationData : IGrainContext, IThreadPoolWorkItem
{
    private readonly Lock _lock = new();
    private readonly RequestQueue _waiting = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _workItems = new();
    private readonly List<RequestBase> _running = new(1);
    private readonly ActivationSynchronizationContext _syncContext;
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _reentrant;
    private readonly TimeSpan _collectionAge;
    private bool _scheduled;
    private int _waitingInterleavable;
    private ActivationState _state;
    private DeactivationReason? _pendingDeactivation;
    private List<IActivationLifecycleParticipant>? _participants;
    private List<GrainTimer>? _timers;
    private long _lastActive;

    public ActivationData(GrainId grainId, GrainClassMetadata metadata, SiloRuntime runtime, StatelessWorkerGroup? group)
    {
        GrainId = grainId;
        Metadata = metadata;
        Shared = runtime;
        Group = group;
        ActivationId = ActivationId.NewId();
        _syncContext = new ActivationSynchronizationContext(this);
        _reentrant = metadata.GetAttribute<ReentrantAttribute>() is not null;
        _collectionAge = runtime.GrainTypes.GetCollectionAge(metadata);
        _lastActive = runtime.Time.GetTimestamp();
    }

    /// <inheritdoc />
    public GrainId GrainId { get; }

    public ActivationId ActivationId { get; }

    public GrainClassMetadata Metadata { get; }

    public SiloRuntime Shared { get; }

    public StatelessWorkerGroup? Group { get; }

    /// <summary>The directory address, once the activation has registered (stateless workers never do).</summary>
    public GrainAddress? Address { get; private set; }

    /// <inheritdoc />
    public SiloAddress Silo => Shared.SiloAddress;

    /// <inheritdoc />
    public IServiceProvider ActivationServices => Shared.Services;

    /// <inheritdoc />
    public object? GrainInstance { get; private set; }

    public ActivationState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>Completes when the activation has become Invalid.</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>Approximate number of queued and running requests, for load-aware choices.</summary>
    public int Load => _waiting.Count + _running.Count;

    /// <summary>Whether the activation is known to be doing nothing right now (racy; a hint).</summary>
    public bool LooksIdle => _waiting.Count == 0 && _running.Count == 0 && _state == ActivationState.Valid;

    /// <summary>Queues a request; false if the activation is gone and the caller must route it again.</summary>
    public bool Enqueue(RequestBase request)
    {
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                return false;
            }

            _waiting.Enqueue(request);
            if ((request.Options & (InvokeMethodOptions.AlwaysInterleave | InvokeMethodOptions.ReadOnly)) != 0)
            {
                _waitingInterleavable++;
            }

            if (_scheduled)
            {
                return true;
            }

            _scheduled = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return true;
    }

    /// <summary>Queues a continuation of one of this activation's turns.</summary>
    public void Post(SendOrPostCallback callback, object? state)
    {
        lock (_lock)
        {
            _workItems.Enqueue((callback, state));
            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    /// <summary>Runs a batch of this activation's work on the current thread pool thread.</summary>
    public void Execute()
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        try
        {
            var budget = Shared.SchedulingOptions.MaxWorkItemsPerTurnBatch;
            while (budget-- > 0)
            {
                (SendOrPostCallback Callback, object? State) item = default;
                RequestBase? request = null;
                List<RequestBase>? expired = null;
                var activate = false;
                lock (_lock)
                {
                    if (_workItems.Count > 0)
                    {
                        item = _workItems.Dequeue();
                    }
                    else if (_state == ActivationState.Creating)
                    {
                        _state = ActivationState.Activating;
                        activate = true;
                    }
                    else if ((request = TakeRunnable(ref expired)) is null && expired is null)
                    {
                        _scheduled = false;
                        return;
                    }
                }

                if (expired is not null)
                {
                    SignalExpired(expired);
                }

                if (request is not null)
                {
                    StartRequest(request);
                }
                else if (expired is not null)
                {
                    continue;
                }
                else if (activate)
                {
                    RunActivation();
                }
                else
                {
                    RunWorkItem(item);
                }
            }

            // Out of budget with work left: yield the thread so that other activations get their turn.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>Asks for deactivation once no request runs.</summary>
    public void Deactivate(DeactivationReason reason)
    {
        bool start;
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid || _pendingDeactivation is not null)
            {
                return;
            }

            _pendingDeactivation = reason;
            start = _state == ActivationState.Valid && _running.Count == 0;
        }

        if (start)
        {
            Post(static s => ((ActivationData)s!).BeginDeactivation(), this);
        }
    }

    /// <summary>Drops the activation without running any grain code: the silo is being killed.</summary>
    public List<RequestBase> Abort()
    {
        List<RequestBase> orphans;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            orphans = _waiting.DrainAll();
            orphans.AddRange(_running);
            _running.Clear();
            _workItems.Clear();
        }

        StopTimers();
        _deactivated.TrySetResult();
        return orphans;
    }

    /// <summary>Whether the activation has been idle past its collection age.</summary>
    public bool IsIdleLongerThanAge(long now)
    {
        lock (_lock)
        {
            return _state == ActivationState.Valid
                && _running.Count == 0
                && _waiting.Count == 0
                && _workItems.Count == 0
                && _pendingDeactivation is null
                && Shared.Time.GetElapsedTime(_lastActive, now) >= _collectionAge;
        }
    }

    /// <summary>Adds requests past their deadline to <paramref name="expired"/>; the caller signals them outside the lock.</summary>
    public void CollectExpired(long now, List<RequestBase> expired)
    {
        lock (_lock)
        {
            foreach (var request in _running)
            {
                if (IsExpired(request, now))
                {
                    expired.Add(request);
                }
            }

            for (var i = 0; i < _waiting.Count; i++)
            {
                if (IsExpired(_waiting[i], now))
                {
                    expired.Add(_waiting[i]);
                }
            }
        }
    }

    /// <inheritdoc />
    public TInterface AsReference<TInterface>()
        where TInterface : IAddressable => Shared.GrainFactory.GetGrain<TInterface>(GrainId);

    /// <inheritdoc />
    public void AddLifecycleParticipant(IActivationLifecycleParticipant participant) => (_participants ??= []).Add(participant);

    /// <inheritdoc />
    public IPersistentState<TState> GetPersistentState<TState>(string stateName, string? storageName)
        where TState : new()
    {
        var state = new PersistentState<TState>(stateName, GrainId, Shared.GetGrainStorage(storageName, Metadata));
        AddLifecycleParticipant(state);
        return state;
    }

    internal void AddTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            (_timers ??= []).Add(timer);
        }
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers?.Remove(timer);
        }
    }

    /// <summary>Queues an internal request (a timer tick) that has no caller and no deadline.</summary>
    internal bool EnqueueInternal(RequestBase request)
    {
        request.TargetGrain = GrainId;
        request.Deadline = 0;
        return Enqueue(request);
    }

    /// <inheritdoc />
    public override string ToString() => $"[Activation {GrainId} #{ActivationId} {_state}]";

    private static bool IsExpired(RequestBase request, long now) =>
        request.Deadline != 0 && now > request.Deadline && (request.Options & InvokeMethodOptions.OneWay) == 0 && !request.IsSignalled;

    // Called under the lock.
    private RequestBase? TakeRunnable(ref List<RequestBase>? expired)
    {
        // A pending deactivation admits nothing new: waiting requests go to the next activation instead.
        while (_state == ActivationState.Valid && _waiting.Count > 0 && _pendingDeactivation is null)
        {
            var index = -1;
            if (_running.Count == 0 || _reentrant || MayInterleave(_waiting[0]))
            {
                index = 0;
            }
            else if (_waitingInterleavable > 0)
            {
                for (var i = 1; i < _waiting.Count; i++)
                {
                    if (MayInterleave(_waiting[i]))
                    {
                        index = i;
                        break;
                    }
                }
            }

            if (index < 0)
            {
                return null;
            }

            var request = _waiting.RemoveAt(index);
            if ((request.Options & (InvokeMethodOptions.AlwaysInterleave | InvokeMethodOptions.ReadOnly)) != 0)
            {
                _waitingInterleavable--;
            }

            if (request.Deadline != 0 && (request.IsSignalled || Shared.Time.GetTimestamp() > request.Deadline))
            {
                // Its caller has been (or is about to be) told it timed out: running it now would surprise everyone.
                (expired ??= []).Add(request);
                continue;
            }

            _running.Add(request);
            return request;
        }

        return null;
    }

    private void SignalExpired(List<RequestBase> expired)
    {
        foreach (var request in expired)
        {
            Shared.RuntimeClient.SignalTimeout(request);
        }
    }

    private bool MayInterleave(RequestBase incoming)
    {
        if ((incoming.Options & InvokeMethodOptions.AlwaysInterleave) != 0)
        {
            return true;
        }

        var allInterleaving = true;
        var allReadOnly = (incoming.Options & InvokeMethodOptions.ReadOnly) != 0;
        foreach (var running in _running)
        {
            allInterleaving &= (running.Options & InvokeMethodOptions.AlwaysInterleave) != 0;
            allReadOnly &= (running.Options & InvokeMethodOptions.ReadOnly) != 0;
        }

        return allInterleaving || allReadOnly;
    }

    private void StartRequest(RequestBase request)
    {
        ValueTask pending;
        try
        {
            pending = request.InvokeAsync(GrainInstance!);
        }
        catch (Exception e)
        {
            OnRequestCompleted(request, e);
            return;
        }

        if (pending.IsCompleted)
        {
            Exception? error = null;
            try
            {
                pending.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                error = e;
            }

            OnRequestCompleted(request, error);
        }
        else
        {
            AwaitRequest(pending, request);
        }
    }

    // async void is deliberate: it is the cheapest state machine and every exception is caught inside.
    private async void AwaitRequest(ValueTask pending, RequestBase request)
    {
        Exception? error = null;
        try
        {
            await pending;
        }
        catch (Exception e)
        {
            error = e;
        }

        OnRequestCompleted(request, error);
    }

    private void OnRequestCompleted(RequestBase request, Exception? error)
    {
        bool deactivate;
        lock (_lock)
        {
            _running.Remove(request);
            if (request is not TimerTickRequest)
            {
                // Timer ticks do not keep an activation alive (as in Orleans, without KeepAlive).
                _lastActive = Shared.Time.GetTimestamp();
            }

            deactivate = _running.Count == 0 && _pendingDeactivation is not null && _state == ActivationState.Valid;
        }

        if (error is null && request.ReplyTo is null && (request.Options & InvokeMethodOptions.OneWay) == 0)
        {
            try
            {
                request.DeepCopyResult();
            }
            catch (Exception e)
            {
                error = e;
            }
        }

        if (error is not null)
        {
            request.Exception = error;
            Shared.Metrics.CallFailed();
        }

        Shared.RuntimeClient.Respond(request);
        if (deactivate)
        {
            BeginDeactivation();
        }
    }

    private void RunWorkItem((SendOrPostCallback Callback, object? State) item)
    {
        try
        {
            item.Callback(item.State);
        }
        catch (Exception e)
        {
            // An async void in grain code (or a continuation that throws) must not take the silo down.
            LogUnhandledTurnException(Shared.Logger, GrainId, e);
        }
    }
}
