namespace FlashSale.Runtime.Membership;

/// <summary>The local silo's <see cref="IMembershipSystemTarget"/>: answers probes, runs indirect probes, takes gossip.</summary>
internal sealed class MembershipSystemTarget(MembershipTableManager manager, ISiloProber prober, TimeProvider time) : IMembershipSystemTarget
{
    public Task Ping() => Task.CompletedTask;

    public async Task<bool> ProbeIndirectly(SiloAddress target, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout, time);
        return await prober.ProbeAsync(target, cts.Token);
    }

    public Task MembershipChanged(long version)
    {
        manager.OnGossip(version);
        return Task.CompletedTask;
    }
}
