namespace FlashSale.Grains;

/// <summary>
/// The switchboard (key <see cref="GlobalKey"/>): global and per-SKU degrade switches, persisted. Every silo and
/// gateway keeps a copy and polls <see cref="GetIfNewer"/>, so a change is in force everywhere within about a second.
/// </summary>
public interface IDegradeSwitchGrain : IGrainWithStringKey
{
    /// <summary>The one switchboard's key.</summary>
    const string GlobalKey = "global";

    /// <summary>Every switch at the current version.</summary>
    [ReadOnly]
    Task<DegradeSwitches> Get();

    /// <summary>The switches if their version is newer than <paramref name="knownVersion"/>, otherwise null.</summary>
    [ReadOnly]
    Task<DegradeSwitches?> GetIfNewer(long knownVersion);

    /// <summary>Replaces the global set.</summary>
    Task<DegradeSwitches> SetGlobal(SwitchSet switches);

    /// <summary>Replaces one SKU's set; null or an empty set removes the SKU's overrides.</summary>
    Task<DegradeSwitches> SetSku(string sku, SwitchSet? switches);
}
