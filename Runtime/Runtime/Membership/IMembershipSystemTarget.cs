namespace FlashSale.Runtime.Membership;

/// <summary>Every silo's membership endpoint, called by the other silos: probes and gossip.</summary>
public interface IMembershipSystemTarget : ISystemTarget
{
    /// <summary>A direct probe: answers at once if the silo is alive and reachable.</summary>
    Task Ping();

    /// <summary>An indirect probe: this silo probes <paramref name="target"/> directly within <paramref name="timeout"/> and reports whether it answered.</summary>
    Task<bool> ProbeIndirectly(SiloAddress target, TimeSpan timeout);

    /// <summary>Gossip: the membership table has reached <paramref name="version"/>; read it if that is newer than the local view.</summary>
    [OneWay]
    Task MembershipChanged(long version);
}
