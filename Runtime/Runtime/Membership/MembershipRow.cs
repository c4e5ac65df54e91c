namespace FlashSale.Runtime.Membership;

/// <summary>A membership entry with the ETag of its row.</summary>
/// <param name="Entry">The entry.</param>
/// <param name="ETag">The row's ETag, required to update it.</param>
[GenerateSerializer]
public sealed record MembershipRow([property: Id(0)] MembershipEntry Entry, [property: Id(1)] string ETag);
