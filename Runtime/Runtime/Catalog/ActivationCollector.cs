using FlashSale.Runtime.Invocation;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Catalog;

/// <summary>
/// Periodic maintenance of the catalog, driven by the injected <see cref="TimeProvider"/>: deactivates
/// activations idle past their collection age, and answers requests past their deadline with a
/// <see cref="TimeoutException"/>. Checking deadlines per activation (not per call) keeps the call path free
/// of any timeout bookkeeping; the cost is proportional to activations, and timeouts fire within one check
/// period of the deadline.
/// </summary>
internal sealed partial class ActivationCollector(SiloRuntime runtime, ILogger<ActivationCollector> logger) : IDisposable
{
    private ITimer? _idleTimer;
    private ITimer? _timeoutTimer;

    public void Start()
    {
        var quantum = runtime.CollectionOptions.CollectionQuantum;
        _idleTimer = runtime.Time.CreateTimer(static s => ((ActivationCollector)s!).CollectIdle(), this, quantum, quantum);
        var check = runtime.MessagingOptions.ResponseTimeoutCheckPeriod;
        _timeoutTimer = runtime.Time.CreateTimer(static s => ((ActivationCollector)s!).CheckTimeouts(), this, check, check);
    }

    public void Stop()
    {
        _idleTimer?.Dispose();
        _timeoutTimer?.Dispose();
    }

    public void Dispose() => Stop();

    /// <summary>Deactivates idle activations; returns how many were asked to go.</summary>
    public int CollectIdle()
    {
        var now = runtime.Time.GetTimestamp();
        var collected = 0;
        foreach (var activation in runtime.Catalog.GetActivations())
        {
            if (activation.IsIdleLongerThanAge(now))
            {
                activation.Deactivate(new DeactivationReason(DeactivationReasonCode.ActivationIdle, "The activation was idle past its collection age."));
                collected++;
            }
        }

        if (collected > 0)
        {
            LogCollected(logger, collected);
        }

        return collected;
    }

    /// <summary>Times out requests past their deadline; returns how many.</summary>
    public int CheckTimeouts()
    {
        var now = runtime.Time.GetTimestamp();
        List<RequestBase> expired = [];
        foreach (var activation in runtime.Catalog.GetActivations())
        {
            activation.CollectExpired(now, expired);
        }

        foreach (var request in expired)
        {
            runtime.RuntimeClient.SignalTimeout(request);
        }

        return expired.Count;
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Debug, Message = "Asked {Count} idle activations to deactivate")]
    private static partial void LogCollected(ILogger logger, int count);
}
