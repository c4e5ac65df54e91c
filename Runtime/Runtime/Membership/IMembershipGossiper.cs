namespace FlashSale.Runtime.Membership;

/// <summary>How membership tells other silos that the table changed: the seam between the protocol and the transport.</summary>
internal interface IMembershipGossiper
{
    /// <summary>Tells <paramref name="target"/> that the table reached <paramref name="version"/>; one-way, failures are swallowed.</summary>
    void Notify(SiloAddress target, long version);
}
