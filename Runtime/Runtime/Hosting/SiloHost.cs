using FlashSale.Runtime.Catalog;
using FlashSale.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Hosting;

/// <summary>
/// Starts and stops a silo with its host.
///
/// Start: collector timers, reminder service, then Active. Graceful stop: refuse new activations, stop
/// reminders, deactivate every activation (running <c>OnDeactivateAsync</c>, so state can be written) within
/// the deactivation timeout, then stop. <see cref="Kill"/> is the abrupt path used by tests: nothing of the
/// grains runs, waiting callers get <see cref="SiloUnavailableException"/>, and the state in memory is lost.
/// </summary>
internal sealed partial class SiloHost(SiloRuntime runtime, ActivationCollector collector, IServiceProvider services, ILogger<SiloHost> logger)
    : IHostedService, ISiloLifetime
{
    private volatile SiloStatus _status = SiloStatus.Created;

    public SiloStatus Status => _status;

    public SiloRuntime Runtime => runtime;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _status = SiloStatus.Joining;
        collector.Start();
        if (services.GetService<ReminderService>() is { } reminders)
        {
            await reminders.StartAsync(cancellationToken);
        }

        _status = SiloStatus.Active;
        LogStarted(logger, runtime.SiloAddress, runtime.SiloDetails.Datacenter, runtime.GrainTypes.GrainClasses.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_status is SiloStatus.Dead or SiloStatus.Stopping)
        {
            return;
        }

        _status = SiloStatus.ShuttingDown;
        runtime.Catalog.BeginStopping();
        services.GetService<ReminderService>()?.Stop();
        await runtime.Catalog.DeactivateAllAsync(
            new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is shutting down."),
            runtime.CollectionOptions.DeactivationTimeout,
            cancellationToken);
        foreach (var orphan in runtime.Catalog.AbortAll())
        {
            runtime.RuntimeClient.Fail(orphan, new SiloUnavailableException($"Silo {runtime.SiloAddress} stopped before the call completed."));
        }

        collector.Stop();
        _status = SiloStatus.Dead;
        LogStopped(logger, runtime.SiloAddress);
    }

    /// <inheritdoc />
    public void KillSelf(string reason)
    {
        LogKillingSelf(logger, runtime.SiloAddress, reason);
        Kill();
    }

    /// <summary>Stops the silo at once without running any grain code.</summary>
    public void Kill()
    {
        _status = SiloStatus.Dead;
        collector.Stop();
        services.GetService<ReminderService>()?.Stop();
        foreach (var orphan in runtime.Catalog.AbortAll())
        {
            runtime.RuntimeClient.Fail(orphan, new SiloUnavailableException($"Silo {runtime.SiloAddress} was killed while the call was pending."));
        }

        LogKilled(logger, runtime.SiloAddress);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Silo {Silo} started in datacenter {Datacenter} with {GrainClassCount} grain classes")]
    private static partial void LogStarted(ILogger logger, SiloAddress silo, string datacenter, int grainClassCount);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Silo {Silo} stopped gracefully")]
    private static partial void LogStopped(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Silo {Silo} is stopping itself: {Reason}")]
    private static partial void LogKillingSelf(ILogger logger, SiloAddress silo, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Silo {Silo} was killed")]
    private static partial void LogKilled(ILogger logger, SiloAddress silo);
}
