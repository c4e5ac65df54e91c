using System.Diagnostics.Metrics;

namespace FlashSale.Protection.HotKeys;

/// <summary>
/// The hot-key instruments (meter "FlashSale.Protection"): SKUs flagged and scaled out (on the silo running the
/// aggregator), the SKUs hot now, failed reports and untracked requests (on every process).
/// </summary>
public sealed class HotKeyMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "FlashSale.Protection";

    private readonly Meter _meter;
    private readonly Counter<long> _flagged;
    private readonly Counter<long> _scaledOut;
    private readonly Counter<long> _reportsFailed;
    private readonly Counter<long> _untracked;
    private int _hot;

    /// <summary>Creates the instruments.</summary>
    public HotKeyMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _flagged = _meter.CreateCounter<long>("flashsale.hotkeys.flagged", "{sku}", "SKUs flagged hot (once each time a SKU goes over the threshold).");
        _scaledOut = _meter.CreateCounter<long>("flashsale.hotkeys.scale_outs", "{action}", "Automatic scale-outs of hot SKUs.");
        _reportsFailed = _meter.CreateCounter<long>("flashsale.hotkeys.reports.failed", "{report}", "Hot-key reports that did not reach the aggregator (retried next period).");
        _untracked = _meter.CreateCounter<long>("flashsale.hotkeys.untracked", "{request}", "Requests not attributed to a SKU: malformed ids, or more distinct SKUs than tracked.");
        _meter.CreateObservableGauge("flashsale.hotkeys.hot", () => Volatile.Read(ref _hot), "{sku}", "SKUs over the hot-key threshold now.");
    }

    /// <summary>A SKU went over the threshold.</summary>
    public void Flagged(string sku) => _flagged.Add(1, new KeyValuePair<string, object?>("sku", sku));

    /// <summary>A hot SKU was scaled out.</summary>
    public void ScaledOut(string sku) => _scaledOut.Add(1, new KeyValuePair<string, object?>("sku", sku));

    /// <summary>The number of SKUs hot now.</summary>
    public void SetHot(int skus) => Volatile.Write(ref _hot, skus);

    /// <summary>A report failed.</summary>
    public void ReportFailed() => _reportsFailed.Add(1);

    /// <summary>Requests that could not be attributed to a SKU.</summary>
    public void Untracked(long requests)
    {
        if (requests > 0)
        {
            _untracked.Add(requests);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
