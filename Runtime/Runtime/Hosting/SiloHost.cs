using FlashSale.Runtime.Catalog;
using FlashSale.Runtime.Membership;
using FlashSale.Runtime.Networking;
using FlashSale.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Hosting;

/// <summary>
/// Starts and stops a silo with its host.
///
/// Start: with clustering configured, the transport listens, the silo joins the membership table (Joining,
/// connectivity check, Active) and begins probing; then the directory and reminders follow the membership
/// view, timers start and the silo reports Active. Without clustering the silo is a cluster of one.
/// Graceful stop: ShuttingDown (others stop placing here), refuse new activations, stop reminders, deactivate
/// every activation (running <c>OnDeactivateAsync</c>, so state can be written; requests waiting on them go to
/// other silos) within the deactivation timeout, leave the table (Dead), close the transport.
/// <see cref="Kill"/> is the abrupt path (tests, or a silo declared dead): no grain code runs, nothing is
/// written to the table, waiting callers get <see cref="SiloUnavailableException"/>, in-memory state is lost.
/// </summary>
internal sealed partial class SiloHost(SiloRuntime runtime, ActivationCollector collector, IServiceProvider services, ILogger<SiloHost> logger)
    : IHostedService, ISiloLifetime
{
    private readonly MembershipService? _membership = services.GetService<MembershipService>();
    private SiloMessageCenter? _messageCenter;
    private volatile SiloStatus _status = SiloStatus.Created;

    public SiloStatus Status => _status;

    public SiloRuntime Runtime => runtime;

    /// <summary>The transport, when clustering is configured.</summary>
    public SiloMessageCenter? MessageCenter => _messageCenter;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _status = SiloStatus.Joining;
        if (_membership is not null)
        {
            _messageCenter = services.GetRequiredService<SiloMessageCenter>();
            await _messageCenter.StartAsync(cancellationToken);
            runtime.MessageCenter = _messageCenter;
            runtime.ClusterView.Changed += OnViewChanged;
            runtime.ClusterView.Attach();
            await _membership.JoinAsync(cancellationToken);
            runtime.LoadStatistics.Start();
        }

        collector.Start();
        if (services.GetService<ReminderService>() is { } reminders)
        {
            await reminders.StartAsync(cancellationToken);
            if (_membership is not null)
            {
                await reminders.SetOwnershipAsync(OwnsHash, cancellationToken);
            }
        }

        _status = SiloStatus.Active;
        LogStarted(logger, runtime.SiloAddress, runtime.SiloDetails.Datacenter, runtime.GrainTypes.GrainClasses.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_status is SiloStatus.Dead or SiloStatus.Stopping or SiloStatus.ShuttingDown)
        {
            return;
        }

        _status = SiloStatus.ShuttingDown;
        if (_membership is not null)
        {
            await Try(() => _membership.BeginLeaveAsync(cancellationToken));
        }

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

        _status = SiloStatus.Stopping;
        if (_membership is not null)
        {
            await Try(() => _membership.CompleteLeaveAsync(cancellationToken));
        }

        if (_messageCenter is not null)
        {
            await Try(() => _messageCenter.StopAsync(cancellationToken));
        }

        runtime.LoadStatistics.Dispose();
        collector.Stop();
        _status = SiloStatus.Dead;
        LogStopped(logger, runtime.SiloAddress);
    }

    /// <inheritdoc />
    public void KillSelf(string reason)
    {
        LogKillingSelf(logger, runtime.SiloAddress, reason);
        Kill();

        // A silo declared dead must not linger: end the host (a supervisor restarts it as a new generation).
        services.GetService<IHostApplicationLifetime>()?.StopApplication();
    }

    /// <summary>Stops the silo at once without running any grain code and without telling anyone.</summary>
    public void Kill()
    {
        if (_status == SiloStatus.Dead)
        {
            return;
        }

        _status = SiloStatus.Dead;
        _membership?.Stop();
        _messageCenter?.Abort();
        runtime.LoadStatistics.Dispose();
        collector.Stop();
        services.GetService<ReminderService>()?.Stop();
        foreach (var orphan in runtime.Catalog.AbortAll())
        {
            runtime.RuntimeClient.Fail(orphan, new SiloUnavailableException($"Silo {runtime.SiloAddress} was killed while the call was pending."));
        }

        LogKilled(logger, runtime.SiloAddress);
    }

    private bool OwnsHash(uint hash) => runtime.Directory.GetOwner(hash) is not { } owner || owner.Equals(runtime.SiloAddress);

    private void OnViewChanged(ClusterMembershipSnapshot snapshot)
    {
        foreach (var (silo, member) in snapshot.Members)
        {
            if (member.Status == SiloStatus.Dead && !silo.Equals(runtime.SiloAddress))
            {
                _messageCenter?.DisconnectFrom(silo);
            }
        }

        if (services.GetService<ReminderService>() is { } reminders && _status == SiloStatus.Active)
        {
            _ = Try(() => reminders.SetOwnershipAsync(OwnsHash));
        }
    }

    private async Task Try(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e)
        {
            LogLifecycleStepFailed(logger, runtime.SiloAddress, e);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Silo {Silo} started in datacenter {Datacenter} with {GrainClassCount} grain classes")]
    private static partial void LogStarted(ILogger logger, SiloAddress silo, string datacenter, int grainClassCount);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Silo {Silo} stopped gracefully")]
    private static partial void LogStopped(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Silo {Silo} was killed")]
    private static partial void LogKilled(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Silo {Silo} is stopping itself: {Reason}")]
    private static partial void LogKillingSelf(ILogger logger, SiloAddress silo, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "A lifecycle step of silo {Silo} failed")]
    private static partial void LogLifecycleStepFailed(ILogger logger, SiloAddress silo, Exception exception);
}
