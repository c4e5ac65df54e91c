namespace FlashSale.Grains;

/// <summary>
/// The hot-key aggregator (key <see cref="GlobalKey"/>): every silo and gateway reports its requests per SKU about
/// every 500 ms; SKUs over the configured rate are flagged, alerted on and scaled out (more shards, more read replicas).
/// </summary>
public interface IHotKeyAggregatorGrain : IGrainWithStringKey
{
    /// <summary>The one aggregator's key.</summary>
    const string GlobalKey = "global";

    /// <summary>Takes one process's latest counts (replacing its previous report).</summary>
    Task Report(HotKeyReport report);

    /// <summary>The flagged SKUs, hottest first.</summary>
    Task<IReadOnlyList<HotKeyStatus>> GetHotKeys();
}
