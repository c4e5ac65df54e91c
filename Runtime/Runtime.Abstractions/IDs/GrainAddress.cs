namespace FlashSale.Runtime;

/// <summary>Where one activation of a grain lives: the grain, the silo, the activation, and the membership version it was registered under.</summary>
[GenerateSerializer, Immutable]
public sealed record GrainAddress
{
    /// <summary>The grain.</summary>
    [Id(0)]
    public required GrainId GrainId { get; init; }

    /// <summary>The hosting silo.</summary>
    [Id(1)]
    public required SiloAddress SiloAddress { get; init; }

    /// <summary>The activation.</summary>
    [Id(2)]
    public required ActivationId ActivationId { get; init; }

    /// <summary>The membership version the registering silo had seen.</summary>
    [Id(3)]
    public long MembershipVersion { get; init; }

    /// <summary>Whether both name the same activation.</summary>
    public bool Matches(GrainAddress other) => GrainId == other.GrainId && ActivationId == other.ActivationId && SiloAddress.Equals(other.SiloAddress);

    /// <inheritdoc />
    public override string ToString() => $"{GrainId}@{SiloAddress}#{ActivationId}";
}
