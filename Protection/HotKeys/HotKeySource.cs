namespace FlashSale.Protection.HotKeys;

/// <summary>This process as a source of hot-key reports.</summary>
/// <param name="Kind">Silo or gateway.</param>
/// <param name="Id">Unique per process and start, so that two processes never replace each other's reports.</param>
public sealed record HotKeySource(HotKeySourceKind Kind, string Id)
{
    /// <summary>A new source of <paramref name="kind"/> with a fresh id.</summary>
    public static HotKeySource Create(HotKeySourceKind kind) =>
        new(kind, $"{kind.ToString().ToLowerInvariant()}-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
}
