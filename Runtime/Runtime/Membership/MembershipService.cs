using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Membership;

/// <summary>
/// The silo's membership lifecycle, called by the silo host: <see cref="JoinAsync"/> once the transport listens
/// and before the silo reports Active; <see cref="BeginLeaveAsync"/> and <see cref="CompleteLeaveAsync"/> (or
/// <see cref="LeaveAsync"/>) on a graceful stop; <see cref="Stop"/> when the silo is killed.
/// </summary>
internal sealed partial class MembershipService(
    MembershipTableManager manager,
    MembershipAgent agent,
    ClusterHealthMonitor monitor,
    MembershipSystemTarget systemTarget,
    IServiceProvider services,
    ILogger<MembershipService> logger)
{
    private int _systemTargetsRegistered;

    /// <summary>The local view of membership.</summary>
    public IClusterMembershipService Membership => manager;

    /// <summary>Hosts the membership system targets, joins the cluster (Joining, connectivity check, Active) and starts probing.</summary>
    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        manager.LocalSiloDeclaredDead += Stop;
        RegisterSystemTargets();
        await agent.JoinAsync(cancellationToken);
        monitor.Start();
    }

    /// <summary>Graceful stop begins: stops probing and writes ShuttingDown.</summary>
    public async Task BeginLeaveAsync(CancellationToken cancellationToken)
    {
        monitor.Stop();
        await agent.BeginLeaveAsync(cancellationToken);
    }

    /// <summary>Graceful stop ends: writes Dead and stops every membership timer.</summary>
    public async Task CompleteLeaveAsync(CancellationToken cancellationToken)
    {
        monitor.Stop();
        await agent.CompleteLeaveAsync(cancellationToken);
        LogLeft(logger, manager.LocalSilo);
    }

    /// <summary>Leaves gracefully in one step: ShuttingDown, then Dead.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await BeginLeaveAsync(cancellationToken);
        await CompleteLeaveAsync(cancellationToken);
    }

    /// <summary>Stops everything at once without writing to the table (the silo was killed or declared dead).</summary>
    public void Stop()
    {
        monitor.Stop();
        agent.Stop();
        manager.Stop();
    }

    private void RegisterSystemTargets()
    {
        if (Interlocked.Exchange(ref _systemTargetsRegistered, 1) != 0 || services.GetService<SiloRuntime>() is not { } runtime)
        {
            return;
        }

        runtime.SystemTargets.Register<IMembershipSystemTarget>(systemTarget);
        if (services.GetService<DevelopmentMembershipTableHost>()?.SystemTarget is { } table)
        {
            runtime.SystemTargets.Register<IMembershipTableSystemTarget>(table);
        }
    }

    [LoggerMessage(EventId = 340, Level = LogLevel.Information, Message = "Silo {Silo} left the cluster")]
    private static partial void LogLeft(ILogger logger, SiloAddress silo);
}
