namespace FlashSale.Runtime.Membership;

/// <summary>One silo's row in the membership table.</summary>
[GenerateSerializer]
public sealed record MembershipEntry
{
    /// <summary>The silo's identity (endpoint and generation).</summary>
    [Id(0)]
    public required SiloAddress SiloAddress { get; init; }

    /// <summary>The silo's status.</summary>
    [Id(1)]
    public required SiloStatus Status { get; init; }

    /// <summary>The silo's name.</summary>
    [Id(2)]
    public string SiloName { get; init; } = string.Empty;

    /// <summary>The host the silo runs on.</summary>
    [Id(3)]
    public string HostName { get; init; } = string.Empty;

    /// <summary>The datacenter the silo runs in.</summary>
    [Id(4)]
    public string Datacenter { get; init; } = "dc1";

    /// <summary>The client gateway port, or 0 when the silo has no gateway.</summary>
    [Id(5)]
    public int GatewayPort { get; init; }

    /// <summary>When the silo started.</summary>
    [Id(6)]
    public DateTime StartTime { get; init; }

    /// <summary>The silo's last IAmAlive write (diagnostics; not the liveness signal).</summary>
    [Id(7)]
    public DateTime IAmAliveTime { get; init; }

    /// <summary>Votes that this silo is dead: who voted and when.</summary>
    [Id(8)]
    public IReadOnlyList<SuspectVote> SuspectTimes { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => $"{SiloAddress} {SiloName} {Status} ({Datacenter}, {SuspectTimes.Count} votes)";
}
