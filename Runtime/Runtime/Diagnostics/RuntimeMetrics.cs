using System.Diagnostics.Metrics;

namespace FlashSale.Runtime.Diagnostics;

/// <summary>
/// The runtime's <see cref="System.Diagnostics.Metrics"/> instruments (meter "FlashSale.Runtime"), tagged
/// with the silo so that several silos in one process stay apart. Instruments cost a branch when nobody
/// listens, so they sit on the call path.
/// </summary>
internal sealed class RuntimeMetrics : IDisposable
{
    public const string MeterName = "FlashSale.Runtime";

    private readonly Meter _meter;
    private readonly Counter<long> _callsSent;
    private readonly Counter<long> _callsFailed;
    private readonly Counter<long> _callsTimedOut;
    private readonly UpDownCounter<long> _activations;
    private readonly KeyValuePair<string, object?> _siloTag;

    public RuntimeMetrics(IMeterFactory meterFactory, string silo)
    {
        _meter = meterFactory.Create(MeterName);
        _siloTag = new KeyValuePair<string, object?>("silo", silo);
        _callsSent = _meter.CreateCounter<long>("flashsale.runtime.calls.sent", "{call}", "Grain calls sent by this silo.");
        _callsFailed = _meter.CreateCounter<long>("flashsale.runtime.calls.failed", "{call}", "Grain calls that ended with an exception.");
        _callsTimedOut = _meter.CreateCounter<long>("flashsale.runtime.calls.timed_out", "{call}", "Grain calls whose caller stopped waiting.");
        _activations = _meter.CreateUpDownCounter<long>("flashsale.runtime.activations", "{activation}", "Live activations by grain type.");
    }

    public void CallSent()
    {
        if (_callsSent.Enabled)
        {
            _callsSent.Add(1, _siloTag);
        }
    }

    public void CallFailed()
    {
        if (_callsFailed.Enabled)
        {
            _callsFailed.Add(1, _siloTag);
        }
    }

    public void CallTimedOut() => _callsTimedOut.Add(1, _siloTag);

    public void ActivationCreated(string grainType) => _activations.Add(1, _siloTag, new KeyValuePair<string, object?>("grain_type", grainType));

    public void ActivationRemoved(string grainType) => _activations.Add(-1, _siloTag, new KeyValuePair<string, object?>("grain_type", grainType));

    public void Dispose() => _meter.Dispose();
}
