namespace FlashSale.Runtime.Membership;

/// <summary>The version of the whole membership table: every status change must name the version it read.</summary>
/// <param name="Version">The version number.</param>
/// <param name="VersionEtag">The storage's token for that version.</param>
[GenerateSerializer]
public sealed record TableVersion([property: Id(0)] int Version, [property: Id(1)] string VersionEtag)
{
    /// <summary>The version a writer proposes after this one.</summary>
    public TableVersion Next() => this with { Version = Version + 1 };
}
