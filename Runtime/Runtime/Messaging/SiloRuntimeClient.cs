using FlashSale.Runtime.Catalog;
using FlashSale.Runtime.CodeGeneration;
using FlashSale.Runtime.Invocation;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Messaging;

/// <summary>
/// The silo's side of every grain call: stamps the request (target, caller, deadline), copies mutable
/// arguments, finds the activation and queues the request; and answers requests (signal the local caller,
/// or hand the response to the sink it came from).
///
/// Invariants: a request is delivered to exactly one activation or failed; a response is signalled at most
/// once (<see cref="RequestBase.TrySignal"/>); local callers are signalled with no synchronization context
/// current, so a caller's continuation never runs inside the callee's turn.
/// </summary>
internal sealed partial class SiloRuntimeClient(SiloRuntime runtime, ILogger<SiloRuntimeClient> logger) : IGrainReferenceRuntime
{
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

        Deliver(request, target);
    }

    public GrainReference CreateReference(GrainId grainId, Type interfaceType) =>
        GeneratedCodeRegistry.GetProxyFactory(interfaceType)(this, grainId);

    /// <summary>Routes a request again after its activation went away.</summary>
    public void Reroute(RequestBase request) => Deliver(request, null);

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

        var context = SynchronizationContext.Current;
        if (context is null)
        {
            request.TrySignal();
            return;
        }

        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            request.TrySignal();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
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

        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            if (request.TrySignalException(CreateTimeoutException(request)))
            {
                runtime.Metrics.CallTimedOut();
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    public TimeoutException CreateTimeoutException(RequestBase request) =>
        new($"Response did not arrive on time in {runtime.MessagingOptions.ResponseTimeout} for {request.InterfaceType.Name}.{request.MethodName} on grain {request.TargetGrain}" +
            (request.SendingGrain.IsDefault ? "." : $" called by {request.SendingGrain}.") +
            " The grain may be slow, or a call chain may loop back to a busy non-reentrant grain (a deadlock): mark such a grain [Reentrant] or the method [AlwaysInterleave].");

    private void Deliver(RequestBase request, GrainReference? target)
    {
        for (var attempt = 0; attempt < MaxRoutingAttempts; attempt++)
        {
            ActivationData activation;
            try
            {
                activation = target?.RoutingCache switch
                {
                    ActivationData cached => cached,
                    StatelessWorkerGroup group => group.Pick(),
                    _ => runtime.Catalog.GetOrCreate(request.TargetGrain),
                };
            }
            catch (Exception e)
            {
                Fail(request, e);
                return;
            }

            if (activation.Enqueue(request))
            {
                if (target is not null && target.RoutingCache is null)
                {
                    target.RoutingCache = (object?)activation.Group ?? activation;
                }

                return;
            }

            // The cached activation has gone: forget it and ask the catalog again.
            if (target is not null)
            {
                target.RoutingCache = null;
            }
        }

        Fail(request, new SiloUnavailableException($"Could not deliver {request} after {MaxRoutingAttempts} attempts: its activation kept going away."));
    }

    [LoggerMessage(EventId = 130, Level = LogLevel.Warning, Message = "One-way call {Request} failed")]
    private static partial void LogOneWayFailed(ILogger logger, string request, Exception exception);
}
