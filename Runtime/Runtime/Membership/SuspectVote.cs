namespace FlashSale.Runtime.Membership;

/// <summary>A vote that a silo is dead.</summary>
/// <param name="Voter">The silo that voted.</param>
/// <param name="At">When it voted (UTC).</param>
[GenerateSerializer]
public sealed record SuspectVote([property: Id(0)] SiloAddress Voter, [property: Id(1)] DateTime At);
