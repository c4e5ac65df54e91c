using FlashSale.Runtime.Catalog;
using FlashSale.Runtime.CodeGeneration;
using FlashSale.Runtime.Invocation;
using FlashSale.Runtime.SystemTargets;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Messaging;

/// <summary>
/// The silo's side of every grain call: stamps the request (target, caller, deadline), copies mutable
/// arguments, routes it, and answers it.
///
/// Routing, fastest first: the activation cached on the grain reference; a system target (addressed by
/// silo); a local activation or stateless worker; the directory cache; then, off the caller's thread, a
/// directory lookup and, for a grain with no activation, placement. A request that lands on a silo without
/// the activation creates it there; if the directory says another activation won, the request is forwarded
/// to it (at most <see cref="MaxForwardCount"/> hops). A stopping silo forwards instead of creating.
///
/// Invariants: a request is delivered to exactly one activation or failed; a response is signalled at most
/// once (<see cref="RequestBase.TrySignal"/>). A caller that is a grain resumes on its own activation (its
/// continuation is posted there). A caller outside any activation resumes inline on the completing thread,
/// with no synchronization context current (the fast path for in-process callers), except for responses that
/// arrive from the network: those are signalled from the thread pool, never on a connection's reader loop.
/// </summary>
internal sealed partial class SiloRuntimeClient(SiloRuntime runtime, ILogger<SiloRuntimeClient> logger) : IGrainReferenceRuntime, IIncomingRequestHandler
{
    public const int MaxForwardCount = 2;
    private const int MaxRoutingAttempts = 5;
    private readonly long _timeoutTicks = (long)(runtime.MessagingOptions.ResponseTimeout.TotalSeconds * runtime.Time.TimestampFrequency);

    public IGrainFactory GrainFactory => runtime.GrainFactory;

    public void SendRequest(GrainReference target, RequestBase request)
    {
        request.TargetGrain = target.GrainId;
        request.TargetInterface = target.InterfaceType;
        if (RuntimeContext.CurrentActivation is { } caller)
        {
            request.SendingGrain = caller.GrainId;
        }

        request.Deadline = runtime.Time.GetTimestamp() + _timeoutTicks;
        runtime.Metrics.CallSent();
        try
        {
            request.DeepCopyArguments();
        }
        catch (Exception e)
        {
            Fail(request, e);
            return;
        }

        if (target.RoutingCache is ActivationData cached && cached.Enqueue(request))
        {
            return;
        }

        if (target.RoutingCache is StatelessWorkerGroup group && !runtime.Catalog.IsStopping && group.Pick().Enqueue(request))
        {
            return;
        }

        target.RoutingCache = null;
        Route(request, target);
    }

    public GrainReference CreateReference(GrainId grainId, Type interfaceType) =>
        GeneratedCodeRegistry.GetProxyFactory(interfaceType)(this, grainId);

    /// <summary>Routes a request again after its activation went away or gave way to another.</summary>
    public void Reroute(RequestBase request)
    {
        if (request.IsSignalled)
        {
            // Its caller already has an answer (a timeout): running it now would surprise everyone.
            return;
        }

        if (request.Deadline != 0 && runtime.Time.GetTimestamp() > request.Deadline)
        {
            SignalTimeout(request);
            return;
        }

        Route(request, null);
    }

    public void OnRequest(RequestBase request) => Route(request, null);

    /// <summary>A response (or failure) for a request this silo sent arrived on a connection's reader.</summary>
    public void OnResponse(RequestBase request)
    {
        if (request.Exception is SiloUnavailableException && !SystemTargetId.IsSystemTarget(request.TargetGrain))
        {
            // The silo the cache pointed at is gone or unreachable: look the grain up again next time.
            runtime.Directory.Invalidate(request.TargetGrain);
        }

        if (request.ReplyTo is not null)
        {
            Respond(request);
            return;
        }

        if (!request.SendingGrain.IsDefault)
        {
            // A grain caller's continuation is posted to its own activation: signalling here runs none of its code.
            request.TrySignal();
            return;
        }

        // Any other caller's continuation may run inline when signalled: never on the connection's reader loop.
        ThreadPool.UnsafeQueueUserWorkItem(request, preferLocal: false);
    }

    /// <summary>Sends the stored result or exception of a request back to its caller.</summary>
    public void Respond(RequestBase request)
    {
        if ((request.Options & InvokeMethodOptions.OneWay) != 0)
        {
            if (request.Exception is { } error)
            {
                LogOneWayFailed(logger, request.ToString(), error);
            }

            return;
        }

        if (request.ReplyTo is IResponseSink sink)
        {
            sink.SendResponse(request);
            return;
        }

        SignalOutsideAnyTurn(request, null);
    }

    /// <summary>Fails a request that never reached an activation.</summary>
    public void Fail(RequestBase request, Exception error)
    {
        request.Exception = error;
        runtime.Metrics.CallFailed();
        Respond(request);
    }

    /// <summary>Tells the caller of an expired request that it timed out (the request itself may still run).</summary>
    public void SignalTimeout(RequestBase request)
    {
        if (request.ReplyTo is not null || (request.Options & InvokeMethodOptions.OneWay) != 0)
        {
            // Remote callers keep their own deadline; nobody waits for a one-way call.
            return;
        }

        if (SignalOutsideAnyTurn(request, CreateTimeoutException(request)))
        {
            runtime.Metrics.CallTimedOut();
        }
    }

    public TimeoutException CreateTimeoutException(RequestBase request) =>
        new($"Response did not arrive on time in {runtime.MessagingOptions.ResponseTimeout} for {request.InterfaceType.Name}.{request.MethodName} on grain {request.TargetGrain}" +
            (request.SendingGrain.IsDefault ? "." : $" called by {request.SendingGrain}.") +
            " The grain may be slow, or a call chain may loop back to a busy non-reentrant grain (a deadlock): mark such a grain [Reentrant] or the method [AlwaysInterleave].");

    /// <summary>
    /// Signals a local caller (with the request's result, or <paramref name="error"/>) with no synchronization context
    /// current, so that the caller's inline continuation does not run as part of the callee's turn.
    /// </summary>
    private static bool SignalOutsideAnyTurn(RequestBase request, Exception? error)
    {
        var context = SynchronizationContext.Current;
        if (context is not null)
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }

        try
        {
            return error is null ? request.TrySignal() : request.TrySignalException(error);
        }
        finally
        {
            if (context is not null)
            {
                SynchronizationContext.SetSynchronizationContext(context);
            }
        }
    }

    /// <summary>Whether <paramref name="silo"/> is this silo (generation 0 names whichever silo listens on the endpoint).</summary>
    public bool IsLocal(SiloAddress silo) =>
        silo.Equals(runtime.SiloAddress) || (silo.Generation == 0 && silo.Endpoint.Equals(runtime.SiloAddress.Endpoint));

    private void Route(RequestBase request, GrainReference? target)
    {
        var grainId = request.TargetGrain;
        if (SystemTargetId.IsSystemTarget(grainId))
        {
            RouteToSystemTarget(request);
            return;
        }

        if (runtime.Catalog.TryGetActivation(grainId, out var local) && local!.Enqueue(request))
        {
            if (target is not null)
            {
                target.RoutingCache = local;
            }

            return;
        }

        GrainClassMetadata metadata;
        try
        {
            metadata = runtime.GrainTypes.GetMetadata(grainId.Type);
        }
        catch (Exception e)
        {
            Fail(request, e);
            return;
        }

        if (runtime.GrainTypes.GetMaxLocalWorkers(metadata) > 0)
        {
            // Stateless workers are always local.
            DeliverLocally(request, target);
            return;
        }

        var stopping = runtime.Catalog.IsStopping;
        if (runtime.Directory.TryGetCached(grainId, out var address) && address is not null && runtime.Directory.IsAlive(address.SiloAddress))
        {
            if (!IsLocal(address.SiloAddress))
            {
                SendRemote(address.SiloAddress, request);
                return;
            }

            if (!stopping)
            {
                DeliverLocally(request, target);
                return;
            }
        }
        else if (request.ReplyTo is IResponseSink && request.SendingSilo is not null && !stopping)
        {
            // Another silo looked this grain up or placed it here: create it here. If the directory then names
            // another activation, this one gives way and the request is forwarded to the winner.
            DeliverLocally(request, target);
            return;
        }

        _ = RouteSlowAsync(request, metadata, target);
    }

    private async Task RouteSlowAsync(RequestBase request, GrainClassMetadata metadata, GrainReference? target)
    {
        try
        {
            var address = await runtime.Directory.LookupAsync(request.TargetGrain).ConfigureAwait(false);
            var stopping = runtime.Catalog.IsStopping;
            var silo = address is not null && !(stopping && IsLocal(address.SiloAddress))
                ? address.SiloAddress
                : runtime.Placement.PickSilo(request.TargetGrain, metadata, runtime.SiloAddress, excludeLocal: stopping);
            if (IsLocal(silo))
            {
                DeliverLocally(request, target);
            }
            else
            {
                SendRemote(silo, request);
            }
        }
        catch (Exception e)
        {
            Fail(request, e);
        }
    }

    private void DeliverLocally(RequestBase request, GrainReference? target)
    {
        for (var attempt = 0; attempt < MaxRoutingAttempts; attempt++)
        {
            ActivationData activation;
            try
            {
                activation = runtime.Catalog.GetOrCreate(request.TargetGrain);
            }
            catch (Exception e)
            {
                Fail(request, e);
                return;
            }

            if (activation.Enqueue(request))
            {
                if (target is not null)
                {
                    target.RoutingCache = (object?)activation.Group ?? activation;
                }

                return;
            }

            // It became Invalid but is still listed: drop it (only if it is still the listed one) and try again.
            runtime.Catalog.Remove(activation);
        }

        Fail(request, new SiloUnavailableException($"Could not deliver {request} after {MaxRoutingAttempts} attempts: its activation kept going away."));
    }

    private void SendRemote(SiloAddress silo, RequestBase request)
    {
        if (runtime.MessageCenter is not { } messageCenter)
        {
            Fail(request, new SiloUnavailableException($"Silo {runtime.SiloAddress} has no transport to reach {silo} (clustering is not configured)."));
            return;
        }

        if (request.ReplyTo is not null && ++request.ForwardCount > MaxForwardCount)
        {
            Fail(request, new SiloUnavailableException($"{request} was forwarded more than {MaxForwardCount} times; the directory is changing too fast to find the grain."));
            return;
        }

        request.SendingSilo ??= runtime.SiloAddress;
        messageCenter.SendRequest(silo, request);
    }

    private void RouteToSystemTarget(RequestBase request)
    {
        var silo = SystemTargetId.GetSilo(request.TargetGrain);
        if (!IsLocal(silo))
        {
            SendRemote(silo, request);
            return;
        }

        if (!runtime.SystemTargets.TryGet(request.TargetGrain.Type, out var implementation))
        {
            Fail(request, new InvalidOperationException($"Silo {runtime.SiloAddress} hosts no system target '{request.TargetGrain.Type}'."));
            return;
        }

        // System targets are thread-safe and run concurrently, off the caller's thread and context.
        ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state.Client.InvokeSystemTargetAsync(state.Request, state.Target), (Client: this, Request: request, Target: implementation!), preferLocal: false);
    }

    private async Task InvokeSystemTargetAsync(RequestBase request, object implementation)
    {
        try
        {
            await request.InvokeAsync(implementation).ConfigureAwait(false);
            if (request.ReplyTo is null)
            {
                request.DeepCopyResult();
            }
        }
        catch (Exception e)
        {
            request.Exception = e;
        }

        Respond(request);
    }

    [LoggerMessage(EventId = 130, Level = LogLevel.Warning, Message = "One-way call {Request} failed")]
    private static partial void LogOneWayFailed(ILogger logger, string request, Exception exception);
}
