using FlashSale.Protection.HotKeys;
using FlashSale.Protection.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Grains.Protection;

/// <summary>
/// The hot-key aggregator (key "global"): finds the SKUs a flash sale is crushing and scales them out.
///
/// Design
/// - Every silo and gateway counts requests per SKU locally (<see cref="HotKeyCounter"/>) and reports every period
///   (500 ms by default). The aggregator keeps each source's latest report; a report older than two periods expires,
///   so a dead process stops counting within a second.
/// - A SKU's rate is max(Σ gateway reports, Σ silo reports) of count / period: a purchase that came through a gateway
///   is counted there and again at its stock shard, and must count once; traffic from cluster clients with no
///   gateway still shows in the silos' sum.
/// - Over <see cref="HotKeyOptions.Threshold"/> a SKU is flagged: a Warning log event, the flashsale.hotkeys.flagged
///   counter and the flashsale.hotkeys.hot gauge (<see cref="HotKeyMetrics"/>), and an entry in GetHotKeys. A flagged
///   SKU is listed until it has been under the threshold for <see cref="HotKeyOptions.Retention"/>.
/// - While a SKU is hot and its cooldown has passed, the aggregator doubles its shards (ISkuGrain.ScaleOut, guarded
///   by the count it saw, capped by <see cref="HotKeyOptions.MaxShards"/>) and raises its read replicas; the SKU grain
///   and the shards keep the sale exact across the split. Sold-out and ended SKUs get replicas only.
///
/// Failure: the aggregator persists nothing. After a restart (or a move to another silo) its table is rebuilt from
/// the next round of reports within a period or two; the SKUs' shard and replica counts live in the SKU grains, and
/// the expected-count guard makes a scale-out repeated by a restarted aggregator a no-op. A failed scale-out is
/// retried after a few periods; a report that does not arrive is carried by its source into the next one.
/// </summary>
[Reentrant]
public sealed partial class HotKeyAggregatorGrain : Grain, IHotKeyAggregatorGrain
{
    private readonly HotKeyOptions _options;
    private readonly TimeProvider _time;
    private readonly HotKeyMetrics _metrics;
    private readonly ILogger<HotKeyAggregatorGrain> _logger;
    private readonly HotKeyTable _table;

    /// <summary>Creates the grain.</summary>
    public HotKeyAggregatorGrain(IOptions<HotKeyOptions> options, TimeProvider time, HotKeyMetrics metrics, ILogger<HotKeyAggregatorGrain> logger)
    {
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _table = new HotKeyTable(_options, time);
    }

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(SweepAsync, _options.ReportPeriod, _options.ReportPeriod);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Report(HotKeyReport report)
    {
        if (report.Period <= TimeSpan.Zero || report.Counts.Values.Any(count => count < 0))
        {
            throw new ArgumentException("A hot-key report needs a positive period and counts that are not negative.", nameof(report));
        }

        Publish(_table.Record(report));
        return ActAsync();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HotKeyStatus>> GetHotKeys() =>
        Task.FromResult<IReadOnlyList<HotKeyStatus>>([.. _table.Entries.OrderByDescending(e => e.Rate).Select(e => e.ToStatus())]);

    private Task SweepAsync(CancellationToken cancellationToken)
    {
        Publish(_table.Sweep());
        return ActAsync();
    }

    private void Publish(List<(HotKeyEntry Entry, bool Hot)> changes)
    {
        foreach (var (entry, hot) in changes)
        {
            if (hot)
            {
                _metrics.Flagged(entry.Sku);
                LogHot(_logger, entry.Sku, (long)entry.Rate, (long)entry.GatewayRate, (long)entry.SiloRate, _options.Threshold);
            }
            else
            {
                LogCooled(_logger, entry.Sku, (long)entry.Rate);
            }
        }

        _metrics.SetHot(_table.HotCount);
    }

    private Task ActAsync()
    {
        if (!_options.AutoScaleOut)
        {
            return Task.CompletedTask;
        }

        var now = _time.GetUtcNow();
        List<Task>? actions = null;
        foreach (var entry in _table.DueForAction(now))
        {
            entry.Acting = true;
            (actions ??= []).Add(ScaleOutAsync(entry, now));
        }

        return actions is null ? Task.CompletedTask : Task.WhenAll(actions);
    }

    private async Task ScaleOutAsync(HotKeyEntry entry, DateTimeOffset now)
    {
        var sku = GrainFactory.GetGrain<ISkuGrain>(entry.Sku);
        try
        {
            var view = await sku.GetView();
            if (view is null)
            {
                entry.Record("no campaign: nothing to scale", now);
                entry.NextActionAt = now + _options.ScaleOutCooldown;
                return;
            }

            var done = new List<string>(2);
            var shards = view.ShardCount;
            if (view.Status is SkuStatus.SoldOut or SkuStatus.Ended)
            {
                done.Add($"{view.Status}: shards left at {shards}");
            }
            else if (shards * 2 <= _options.MaxShards)
            {
                var after = await sku.ScaleOut(shards, _options.MaxShards);
                if (after > shards)
                {
                    entry.ScaleOuts++;
                    _metrics.ScaledOut(entry.Sku);
                    done.Add($"shards {shards} -> {after}");
                }

                shards = after;
            }
            else
            {
                done.Add($"shards at the cap ({shards})");
            }

            var replicas = view.ReplicaCount;
            if (replicas < _options.MaxReplicas)
            {
                var after = await sku.RaiseReplicas(Math.Min(_options.MaxReplicas, Math.Max(2, replicas * 2)));
                done.Add($"replicas {replicas} -> {after}");
                replicas = after;
            }

            entry.ShardCount = shards;
            entry.ReplicaCount = replicas;
            entry.LastActionAt = now;
            entry.NextActionAt = now + _options.ScaleOutCooldown;
            var action = string.Join(", ", done);
            entry.Record(action, now);
            LogActed(_logger, entry.Sku, (long)entry.Rate, action);
        }
        catch (Exception e)
        {
            // The SKU grain may be moving or its storage slow: try again soon, well before the cooldown.
            var retry = 4 * _options.ReportPeriod;
            entry.NextActionAt = now + (retry < _options.ScaleOutCooldown ? retry : _options.ScaleOutCooldown);
            LogActionFailed(_logger, entry.Sku, e.Message);
        }
        finally
        {
            entry.Acting = false;
        }
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Warning, Message = "HOT KEY: SKU {Sku} at {Rate} requests/s (gateways {GatewayRate}/s, silos {SiloRate}/s) is over the threshold of {Threshold}/s")]
    private static partial void LogHot(ILogger logger, string sku, long rate, long gatewayRate, long siloRate, double threshold);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "SKU {Sku} is no longer hot ({Rate} requests/s)")]
    private static partial void LogCooled(ILogger logger, string sku, long rate);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Hot SKU {Sku} at {Rate} requests/s scaled out: {Action}")]
    private static partial void LogActed(ILogger logger, string sku, long rate, string action);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Hot SKU {Sku} could not be scaled out; retrying soon: {Reason}")]
    private static partial void LogActionFailed(ILogger logger, string sku, string reason);
}
