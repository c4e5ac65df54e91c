using FlashSale.Runtime.Invocation;
using FlashSale.Runtime.SystemTargets;

namespace FlashSale.Runtime.Membership;

/// <summary>Probes and gossip over the <see cref="IMembershipSystemTarget"/> of each silo, through the silo's runtime client.</summary>
internal sealed class SystemTargetSiloProber(Func<IGrainReferenceRuntime> runtime) : ISiloProber, IMembershipGossiper
{
    public async Task<bool> ProbeAsync(SiloAddress target, CancellationToken cancellationToken)
    {
        Task? call = null;
        try
        {
            call = Target(target).Ping();
            await call.WaitAsync(cancellationToken);
            return true;
        }
        catch (Exception)
        {
            Observe(call);
            return false;
        }
    }

    public async Task<ProbeResult> ProbeIndirectlyAsync(SiloAddress intermediary, SiloAddress target, TimeSpan probeTimeout, CancellationToken cancellationToken)
    {
        Task<bool>? call = null;
        try
        {
            call = Target(intermediary).ProbeIndirectly(target, probeTimeout);
            return await call.WaitAsync(cancellationToken) ? ProbeResult.Succeeded : ProbeResult.Failed;
        }
        catch (Exception)
        {
            Observe(call);
            return ProbeResult.Unknown;
        }
    }

    public void Notify(SiloAddress target, long version)
    {
        try
        {
            _ = Target(target).MembershipChanged(version);
        }
        catch (Exception)
        {
            // Gossip is best effort: the periodic refresh catches up.
        }
    }

    // A call abandoned at its deadline may still fail later: observe it so that it is not reported as unobserved.
    private static void Observe(Task? call) =>
        call?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private IMembershipSystemTarget Target(SiloAddress silo) => runtime().GetSystemTarget<IMembershipSystemTarget>(silo);
}
