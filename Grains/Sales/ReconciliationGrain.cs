using FlashSale.Grains.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Grains.Sales;

/// <summary>
/// Reconciles every tracked SKU on a durable reminder, so it keeps running after silo loss (which also makes the
/// expiry of unpaid orders survive silo loss). A pass first expires unpaid orders, then touches every shard of the SKU (which activates a shard whose silo died, and its registration reclaims the
/// dead epoch's stock), then asks the SKU to compare its ledger with the order log, repair, persist and report.
/// </summary>
public sealed partial class ReconciliationGrain(
    [PersistentState("reconciliation")] IPersistentState<ReconciliationState> state,
    IOptions<FlashSaleOptions> options,
    ILogger<ReconciliationGrain> logger) : Grain, IReconciliationGrain, IRemindable, IDisposable
{
    /// <summary>The key of the one reconciliation grain.</summary>
    public const string GlobalKey = "global";

    private const string ReminderName = "reconcile";
    private readonly Dictionary<string, ReconciliationReport> _reports = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _tracking = new(1, 1);

    /// <inheritdoc />
    public void Dispose() => _tracking.Dispose();

    /// <inheritdoc />
    public async Task Track(string sku)
    {
        // Track interleaves with passes and with other Tracks: one write of the state at a time.
        await _tracking.WaitAsync();
        try
        {
            if (state.State.Skus.Add(sku))
            {
                await state.WriteStateAsync();
            }

            if (await this.GetReminder(ReminderName) is null)
            {
                await this.RegisterOrUpdateReminder(ReminderName, options.Value.ReconciliationPeriod, options.Value.ReconciliationPeriod);
            }
        }
        finally
        {
            _tracking.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReconciliationReport>> RunNow()
    {
        foreach (var sku in state.State.Skus.ToList())
        {
            try
            {
                _reports[sku] = await ReconcileAsync(sku);
                if (!_reports[sku].Balanced)
                {
                    LogDrift(logger, sku, string.Join(" ", _reports[sku].Drift));
                }
            }
            catch (Exception e)
            {
                LogPassFailed(logger, sku, e.Message);
            }
        }

        return [.. _reports.Values.OrderBy(r => r.Sku, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReconciliationReport>> GetReports() =>
        Task.FromResult<IReadOnlyList<ReconciliationReport>>([.. _reports.Values.OrderBy(r => r.Sku, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => RunNow();

    private async Task<ReconciliationReport> ReconcileAsync(string sku)
    {
        var skuGrain = GrainFactory.GetGrain<ISkuGrain>(sku);
        await skuGrain.ExpireUnpaid();
        var ledger = await skuGrain.GetLedger() ?? throw new InvalidOperationException($"SKU {sku} has no campaign.");
        await Task.WhenAll(ledger.Shards.Select(s => GrainFactory.GetGrain<IStockShardGrain>(ShardRouting.ShardKey(sku, s.Index)).GetCounters()));
        return await skuGrain.Reconcile();
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Reconciliation of SKU {Sku} found drift it cannot repair: {Drift}")]
    private static partial void LogDrift(ILogger logger, string sku, string drift);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Reconciliation of SKU {Sku} failed: {Reason}")]
    private static partial void LogPassFailed(ILogger logger, string sku, string reason);
}
