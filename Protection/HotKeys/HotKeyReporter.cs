using FlashSale.Protection.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Protection.HotKeys;

/// <summary>
/// Sends this process's requests per SKU to the hot-key aggregator every <see cref="HotKeyOptions.ReportPeriod"/>
/// (nothing when there was no request). A report that fails is logged and its counts are carried into the next
/// one, whose period then covers both; the reporter never stops and never throws into its host.
/// </summary>
public sealed partial class HotKeyReporter : BackgroundService
{
    private readonly HotKeyCounter _counter;
    private readonly IGrainFactory _grains;
    private readonly HotKeySource _source;
    private readonly HotKeyOptions _options;
    private readonly TimeProvider _time;
    private readonly HotKeyMetrics _metrics;
    private readonly ILogger<HotKeyReporter> _logger;
    private Dictionary<string, long> _pending = new(StringComparer.Ordinal);
    private long _pendingUntracked;
    private long _since;
    private int _failures;

    /// <summary>Creates the reporter.</summary>
    public HotKeyReporter(HotKeyCounter counter, IGrainFactory grains, HotKeySource source, IOptions<HotKeyOptions> options, TimeProvider time, HotKeyMetrics metrics, ILogger<HotKeyReporter> logger)
    {
        _counter = counter;
        _grains = grains;
        _source = source;
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _since = time.GetTimestamp();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.ReportPeriod, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ReportOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Drains the counter and sends one report; false when there was nothing to send or the send failed.</summary>
    internal async Task<bool> ReportOnceAsync(CancellationToken cancellationToken)
    {
        var untracked = _counter.DrainInto(_pending);
        _metrics.Untracked(untracked);
        _pendingUntracked += untracked;
        var now = _time.GetTimestamp();
        if (_pending.Count == 0 && _pendingUntracked == 0)
        {
            _since = now;
            return false;
        }

        var elapsed = _time.GetElapsedTime(_since, now);
        var report = new HotKeyReport
        {
            SourceId = _source.Id,
            Kind = _source.Kind,
            Period = elapsed > TimeSpan.FromMilliseconds(1) ? elapsed : TimeSpan.FromMilliseconds(1),
            Counts = _pending,
            Untracked = _pendingUntracked,
        };

        // The report (and its dictionary) belongs to the aggregator from here on, even if the call seems to fail:
        // later counts go into a new dictionary.
        _pending = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            await _grains.GetGrain<IHotKeyAggregatorGrain>(IHotKeyAggregatorGrain.GlobalKey).Report(report).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _metrics.ReportFailed();
            if (++_failures == 1)
            {
                LogReportFailed(_logger, e.Message);
            }

            // Carried into the next report, unless failed periods piled up more SKUs than a process tracks: memory stays bounded.
            if (report.Counts.Count <= _options.MaxTrackedSkus)
            {
                foreach (var (sku, count) in report.Counts)
                {
                    _pending[sku] = _pending.TryGetValue(sku, out var later) ? later + count : count;
                }
            }

            return false;
        }

        if (_failures > 0)
        {
            LogReportsResumed(_logger, _failures);
            _failures = 0;
        }

        _pendingUntracked = 0;
        _since = now;
        return true;
    }

    [LoggerMessage(EventId = 1410, Level = LogLevel.Warning, Message = "Hot-key report did not reach the aggregator; its counts go with the next one: {Reason}")]
    private static partial void LogReportFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1411, Level = LogLevel.Information, Message = "Hot-key reports reach the aggregator again after {Failures} failed periods")]
    private static partial void LogReportsResumed(ILogger logger, int failures);
}
