using System.Diagnostics.Metrics;

namespace FlashSale.LoadGen;

/// <summary>
/// The runtime's own network counters (meter FlashSale.Runtime.Networking) over the measured phase: frames sent per
/// socket flush, per owner (the silo's message center, each cluster client's connector). Frames per flush is the
/// batching factor: every flush is a send system call on a loopback socket, which wakes the reader.
/// </summary>
internal sealed class NetworkWatch : IDisposable
{
    private const string MeterName = "FlashSale.Runtime.Networking";
    private readonly MeterListener _listener = new();
    private readonly Dictionary<(string Instrument, string Owner), long> _latest = [];
    private Dictionary<(string Instrument, string Owner), long> _start = [];

    public NetworkWatch()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name is "flashsale.network.frames.sent" or "flashsale.network.flushes")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var owner = "?";
            foreach (var tag in tags)
            {
                if (tag.Key == "owner")
                {
                    owner = tag.Value?.ToString() ?? "?";
                }
            }

            lock (_latest)
            {
                // Several connectors may share an owner name: sum them.
                _latest[(instrument.Name, owner)] = _latest.GetValueOrDefault((instrument.Name, owner)) + value;
            }
        });
        _listener.Start();
    }

    /// <summary>Marks the start of the measured phase.</summary>
    public void Begin() => _start = Snapshot();

    /// <summary>Frames per flush per owner since <see cref="Begin"/>.</summary>
    public IReadOnlyDictionary<string, double> FramesPerFlush()
    {
        var end = Snapshot();
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var ((instrument, owner), frames) in end)
        {
            if (instrument != "flashsale.network.frames.sent")
            {
                continue;
            }

            var sent = frames - _start.GetValueOrDefault((instrument, owner));
            var flushes = end.GetValueOrDefault(("flashsale.network.flushes", owner)) - _start.GetValueOrDefault(("flashsale.network.flushes", owner));
            if (sent > 0 && flushes > 0)
            {
                result[owner] = (double)sent / flushes;
            }
        }

        return result;
    }

    public void Dispose() => _listener.Dispose();

    private Dictionary<(string Instrument, string Owner), long> Snapshot()
    {
        lock (_latest)
        {
            _latest.Clear();
            _listener.RecordObservableInstruments();
            return new Dictionary<(string Instrument, string Owner), long>(_latest);
        }
    }
}
