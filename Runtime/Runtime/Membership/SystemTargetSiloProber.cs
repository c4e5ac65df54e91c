using FlashSale.Runtime.Invocation;
using FlashSale.Runtime.SystemTargets;

namespace FlashSale.Runtime.Membership;

/// <summary>Probes and gossip over the <see cref="IMembershipSystemTarget"/> of each silo, through the silo's runtime client.</summary>
internal sealed class SystemTargetSiloProber(Func<IGrainReferenceRuntime> runtime) : ISiloProber, IMembershipGossiper
{
    public async Task<bool> ProbeAsync(SiloAddress target, CancellationToken cancellationToken)
    {
        try
        {
            await Target(target).Ping().WaitAsync(cancellationToken);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    public async Task<ProbeResult> ProbeIndirectlyAsync(SiloAddress intermediary, SiloAddress target, TimeSpan probeTimeout, CancellationToken cancellationToken)
    {
        try
        {
            return await Target(intermediary).ProbeIndirectly(target, probeTimeout).WaitAsync(cancellationToken) ? ProbeResult.Succeeded : ProbeResult.Failed;
        }
        catch (Exception)
        {
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

    private IMembershipSystemTarget Target(SiloAddress silo) => runtime().GetSystemTarget<IMembershipSystemTarget>(silo);
}
