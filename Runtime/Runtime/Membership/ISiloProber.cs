namespace FlashSale.Runtime.Membership;

/// <summary>How membership reaches other silos to probe them: the seam between the protocol and the transport.</summary>
internal interface ISiloProber
{
    /// <summary>Probes <paramref name="target"/> directly; false when it fails or <paramref name="cancellationToken"/> fires first.</summary>
    Task<bool> ProbeAsync(SiloAddress target, CancellationToken cancellationToken);

    /// <summary>
    /// Asks <paramref name="intermediary"/> to probe <paramref name="target"/> within <paramref name="probeTimeout"/>:
    /// <see cref="ProbeResult.Unknown"/> when the intermediary itself does not answer before <paramref name="cancellationToken"/> fires.
    /// </summary>
    Task<ProbeResult> ProbeIndirectlyAsync(SiloAddress intermediary, SiloAddress target, TimeSpan probeTimeout, CancellationToken cancellationToken);
}
