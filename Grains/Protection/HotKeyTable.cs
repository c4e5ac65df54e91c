using System.Runtime.InteropServices;
using FlashSale.Protection.Configuration;

namespace FlashSale.Grains.Protection;

/// <summary>
/// The aggregator's arithmetic, apart from the grain so that it can be tested with a manual clock. It keeps each
/// source's latest report and, per SKU, the sum of the reports' rates by source kind, updated by difference when a
/// report replaces its predecessor or expires, so a report costs O(its SKUs), not O(SKUs × sources).
/// </summary>
internal sealed class HotKeyTable(HotKeyOptions options, TimeProvider time)
{
    private readonly Dictionary<string, (HotKeyReport Report, DateTimeOffset At)> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (double Gateways, double Silos, int Sources)> _rates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HotKeyEntry> _flagged = new(StringComparer.Ordinal);

    /// <summary>The flagged SKUs (hot now, or hot within the retention).</summary>
    public IEnumerable<HotKeyEntry> Entries => _flagged.Values;

    /// <summary>How many flagged SKUs are over the threshold now.</summary>
    public int HotCount { get; private set; }

    /// <summary>The sources whose report is current.</summary>
    public int Sources => _sources.Count;

    /// <summary>Takes a source's latest report (replacing its previous one); returns the SKUs that went over or under the threshold.</summary>
    public List<(HotKeyEntry Entry, bool Hot)> Record(HotKeyReport report)
    {
        var now = time.GetUtcNow();
        var changes = new List<(HotKeyEntry, bool)>();
        if (_sources.Remove(report.SourceId, out var previous))
        {
            Withdraw(previous.Report);
        }

        _sources[report.SourceId] = (report, now);
        Add(report);
        foreach (var sku in report.Counts.Keys)
        {
            Evaluate(sku, now, changes);
        }

        if (previous.Report is not null)
        {
            foreach (var sku in previous.Report.Counts.Keys)
            {
                if (!report.Counts.ContainsKey(sku) && _flagged.ContainsKey(sku))
                {
                    Evaluate(sku, now, changes);
                }
            }
        }

        return changes;
    }

    /// <summary>Drops reports older than two periods, re-rates every flagged SKU and forgets those cold for longer than the retention.</summary>
    public List<(HotKeyEntry Entry, bool Hot)> Sweep()
    {
        var now = time.GetUtcNow();
        var changes = new List<(HotKeyEntry, bool)>();
        foreach (var (source, (report, at)) in _sources)
        {
            if (now - at > 2 * (report.Period > options.ReportPeriod ? report.Period : options.ReportPeriod))
            {
                _sources.Remove(source);
                Withdraw(report);
            }
        }

        foreach (var (sku, entry) in _flagged)
        {
            Evaluate(sku, now, changes);
            if (!entry.Hot && !entry.Acting && now - entry.LastSeen > options.Retention)
            {
                _flagged.Remove(sku);
            }
        }

        return changes;
    }

    /// <summary>The hot SKUs the aggregator may act on now.</summary>
    public IEnumerable<HotKeyEntry> DueForAction(DateTimeOffset now) => _flagged.Values.Where(e => e.Hot && !e.Acting && now >= e.NextActionAt);

    /// <summary>The SKU's rate: the larger of the gateways' and the silos' sums, since one request may be counted by both.</summary>
    public double RateOf(string sku) => _rates.TryGetValue(sku, out var rate) ? Math.Max(rate.Gateways, rate.Silos) : 0;

    private void Add(HotKeyReport report) => Apply(report, +1);

    private void Withdraw(HotKeyReport report) => Apply(report, -1);

    private void Apply(HotKeyReport report, int sign)
    {
        var seconds = report.Period.TotalSeconds;
        foreach (var (sku, count) in report.Counts)
        {
            ref var rate = ref CollectionsMarshal.GetValueRefOrAddDefault(_rates, sku, out _);
            var perSecond = sign * count / seconds;
            rate = report.Kind == HotKeySourceKind.Gateway
                ? (rate.Gateways + perSecond, rate.Silos, rate.Sources + sign)
                : (rate.Gateways, rate.Silos + perSecond, rate.Sources + sign);
            if (rate.Sources <= 0)
            {
                // No report mentions the SKU any more: drop it, and with it any rounding left by the differences.
                _rates.Remove(sku);
            }
        }
    }

    private void Evaluate(string sku, DateTimeOffset now, List<(HotKeyEntry, bool)> changes)
    {
        var (gateways, silos, _) = _rates.GetValueOrDefault(sku);
        var rate = Math.Max(gateways, silos);
        var hot = rate > options.Threshold;
        if (!_flagged.TryGetValue(sku, out var entry))
        {
            if (!hot)
            {
                return;
            }

            entry = new HotKeyEntry(sku, now);
            _flagged[sku] = entry;
        }

        entry.Rate = rate;
        entry.GatewayRate = gateways;
        entry.SiloRate = silos;
        if (hot)
        {
            entry.LastSeen = now;
        }

        if (hot != entry.Hot)
        {
            entry.Hot = hot;
            HotCount += hot ? 1 : -1;
            changes.Add((entry, hot));
        }
    }
}
