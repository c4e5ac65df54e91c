using FlashSale.Grains.Configuration;
using FlashSale.Grains.Orders;
using FlashSale.Protection.Switches;
using FlashSale.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Grains.Sales;

/// <summary>
/// The hot SKU: the campaign and the books of every unit.
///
/// Invariants (the flash sale's, as far as this grain is concerned)
/// - Conservation: Stock = Pool + Sold + Held + Σ outstanding of the shards' current epochs. Every change keeps it.
/// - Never oversell: a unit is granted to at most one shard epoch, and a grant is persisted before the shard
///   may sell it, so a SKU grain that restarts from storage never grants a unit twice.
/// - A shard activation that is replaced (its silo died) loses its grant: when the next activation registers,
///   the old epoch's units are reclaimed. In durable mode the order log says exactly how many it sold, so the
///   rest goes back to the pool (no undersell). In fast mode orders may have been lost with the silo: units the
///   log cannot account for are held, never granted again until an admin releases them, and reported. An epoch
///   counts as fast if the campaign is, or if the shard declared fast writes (a degrade switch) before its first
///   written-behind order: flipping the write mode mid-sale can strand units as held, never oversell.
/// - A shard activation replaced while its silo is still active (a duplicate activation during a directory hand-off)
///   may still be selling: its epoch's units are fenced (<see cref="SkuState.Retired"/>), not reclaimed, until it
///   reports for the last time (told "superseded" on its next report) or reconciliation finds its silo dead.
/// - Unpaid orders expire after <see cref="FlashSaleOptions.PaymentWindow"/>: the order log flips each one exactly
///   once (a conditional update that a racing payment can win instead), and only then are its units put back.
/// - Sold out only when the whole SKU is: the pool is empty and no shard holds a unit by the books (shards
///   report in batches, so the view lags by about one report period).
/// - The shard count only doubles (<see cref="ScaleOut"/>), so that each buyer's records move from one shard to one
///   descendant (see SkuGrain.Scaling.cs).
/// Shards reach this grain only to register, refill and report; buyers never do.
/// </summary>
public sealed partial class SkuGrain : Grain, ISkuGrain, IDisposable
{
    private readonly IPersistentState<SkuState> _state;
    private readonly IOrderLog _orders;
    private readonly SwitchBoard _switches;
    private readonly TimeProvider _time;
    private readonly FlashSaleOptions _options;
    private readonly ILogger<SkuGrain> _logger;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>Creates the grain.</summary>
    public SkuGrain(
        [PersistentState("sku")] IPersistentState<SkuState> state,
        IOrderLog orders,
        SwitchBoard switches,
        TimeProvider time,
        IOptions<FlashSaleOptions> options,
        ILogger<SkuGrain> logger)
    {
        _state = state;
        _orders = orders;
        _switches = switches;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    private SkuState Books => _state.State;

    /// <inheritdoc />
    public void Dispose() => _writeGate.Dispose();

    private string Sku => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<bool> Configure(Campaign campaign)
    {
        var problems = CampaignValidation.Validate(campaign);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(campaign));
        }

        if (!string.Equals(campaign.Sku, Sku, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The campaign is for '{campaign.Sku}' but this grain is '{Sku}'.", nameof(campaign));
        }

        var created = Books.Campaign is null;
        if (created)
        {
            Books.Pool = campaign.Stock;
            Books.ShardCount = campaign.Shards ?? DefaultShardCount();
        }
        else
        {
            var delta = campaign.Stock - Books.Campaign!.Stock;
            if (delta < 0 && Books.Pool < -delta)
            {
                throw new InvalidOperationException($"Stock can only be lowered by units not yet handed to shards: {Books.Pool} are left in the pool, {-delta} were asked for.");
            }

            if (campaign.Shards is { } shards && !IsCurrentOrEarlierShardCount(shards))
            {
                throw new InvalidOperationException($"The shard count of a running campaign is {Books.ShardCount}; it cannot be changed to {shards} by configuration.");
            }

            Books.Pool += delta;
        }

        Books.Campaign = campaign with { Shards = Books.ShardCount };
        await SaveAsync();
        await GrainFactory.GetGrain<IReconciliationGrain>(ReconciliationGrain.GlobalKey).Track(Sku);
        LogConfigured(_logger, Sku, campaign.Stock, Books.ShardCount, campaign.WriteMode);
        return created;
    }

    /// <inheritdoc />
    public Task<SkuView?> GetView()
    {
        if (Books.Campaign is not { } campaign)
        {
            return Task.FromResult<SkuView?>(null);
        }

        return Task.FromResult<SkuView?>(new SkuView
        {
            Sku = campaign.Sku,
            Name = campaign.Name,
            Price = campaign.Price,
            Remaining = Math.Max(0, Books.Pool + Math.Max(0, Books.Outstanding)),
            Status = Status(),
            StartsAt = campaign.StartsAt,
            EndsAt = campaign.EndsAt,
            PerUserLimit = campaign.PerUserLimit,
            ShardCount = Books.ShardCount,
            WriteMode = _switches.For(Sku).ModeFor(campaign),
            Stock = campaign.Stock,
            PurchasesPerSecond = campaign.PurchasesPerSecond,
            ReplicaCount = Math.Max(1, Books.ReplicaCount),
        });
    }

    /// <inheritdoc />
    public Task<SkuLedger?> GetLedger() => Task.FromResult(Books.Campaign is null ? null : Ledger());

    /// <inheritdoc />
    public async Task<ShardRegistration> RegisterShard(int index, string silo)
    {
        if (Books.Campaign is not { } campaign)
        {
            return new ShardRegistration(null, 0, 0, 0, 0);
        }

        if (index < 0 || index >= Books.ShardCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"SKU {Sku} has {Books.ShardCount} shards.");
        }

        await _writeGate.WaitAsync();
        try
        {
            if (Books.Shards.TryGetValue(index, out var previous))
            {
                if (previous.Outstanding > 0 && !string.Equals(previous.Silo, silo, StringComparison.Ordinal) && IsSiloActive(previous.Silo))
                {
                    // Its silo is alive, so its activation may be too (a duplicate while directory ownership moves):
                    // fence its units instead of putting them back on sale under it.
                    Books.Retired[previous.Epoch] = new RetiredEpoch { Index = index, Account = previous };
                    LogFenced(_logger, Sku, index, previous.Epoch, previous.Outstanding, previous.Silo);
                }
                else
                {
                    await ReclaimAsync(index, previous);
                }
            }

            var account = new ShardAccount { Epoch = ++Books.LastEpoch, Silo = silo };
            var slice = Math.Min(Books.Pool, (campaign.Stock + Books.ShardCount - 1) / Books.ShardCount);
            account.Granted = slice;
            Books.Pool -= slice;
            Books.Shards[index] = account;
            await _state.WriteStateAsync();
            return new ShardRegistration(campaign, account.Epoch, slice, Books.ShardCount, Books.Generation);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<StockGrant> RequestStock(int index, long epoch, int wanted, int soldTotal)
    {
        if (!Books.Shards.TryGetValue(index, out var account) || account.Epoch != epoch)
        {
            // A superseded activation: it gets nothing more and is told to give back what it has.
            if (Books.Retired.TryGetValue(epoch, out var retired))
            {
                Record(retired.Account, soldTotal);
                await SaveAsync();
            }

            return new StockGrant(0, SoldOut: false, Status(), Superseded: true);
        }

        Record(account, soldTotal);
        var status = Status();
        if (status is SkuStatus.Ended or SkuStatus.NotStarted || wanted <= 0)
        {
            await SaveAsync();
            return new StockGrant(0, SoldOut: Books.Pool == 0, status);
        }

        if (Books.Pool < wanted)
        {
            await CollectFromSiblingsAsync(index, wanted - Books.Pool);
        }

        var give = Math.Min(wanted, Books.Pool);
        if (Books.Shards.TryGetValue(index, out account) && account.Epoch == epoch)
        {
            Books.Pool -= give;
            account.Granted += give;
        }
        else
        {
            give = 0;
        }

        await SaveAsync();
        return new StockGrant(give, SoldOut: give == 0, Status());
    }

    /// <inheritdoc />
    public async Task ReportAndReturn(int index, long epoch, int soldTotal, int returned)
    {
        if (!Books.Shards.TryGetValue(index, out var account) || account.Epoch != epoch)
        {
            // A superseded epoch: its units were reclaimed when its successor registered, unless they were fenced.
            if (Books.Retired.TryGetValue(epoch, out var retired))
            {
                SettleRetired(retired, soldTotal, returned);
                await SaveAsync();
            }

            return;
        }

        Record(account, soldTotal);
        returned = Math.Clamp(returned, 0, Math.Max(0, account.Outstanding));
        account.Returned += returned;
        Books.Pool += returned;
        await SaveAsync();
    }

    /// <inheritdoc />
    public async Task DeclareFastWrites(int index, long epoch)
    {
        if (Books.Shards.TryGetValue(index, out var account) && account.Epoch == epoch && !account.FastWrites)
        {
            account.FastWrites = true;
            await SaveAsync();
        }
    }

    /// <inheritdoc />
    public async Task<ReconciliationReport> Reconcile()
    {
        var campaign = Books.Campaign ?? throw new InvalidOperationException($"SKU {Sku} has no campaign.");
        var drift = new List<string>();
        var committed = await _orders.CountAllUnitsAsync(Sku);
        var inLog = (await _orders.CountUnitsAsync(Sku)).Values.Sum();

        // A fenced epoch whose silo has died will never report again: the log says what it sold.
        foreach (var (epoch, retired) in Books.Retired.Where(r => !IsSiloActive(r.Value.Account.Silo)).ToList())
        {
            await ReclaimAsync(retired.Index, retired.Account);
            Books.Retired.Remove(epoch);
        }

        // Every logged order was sold: raise reports that lag the log (reports are totals, so a late one adds nothing).
        foreach (var (index, account) in Books.Shards)
        {
            Record(account, committed.GetValueOrDefault((index, account.Epoch)));
        }

        var accounted = Books.Pool + Books.Sold + Books.Held + Books.Outstanding;
        if (accounted != campaign.Stock)
        {
            drift.Add($"The books account for {accounted} units but the campaign has {campaign.Stock}.");
        }

        if (inLog + Books.Lost != Books.Sold && Books.Outstanding == 0)
        {
            drift.Add($"The order log holds {inLog} units (and {Books.Lost} are known lost) but the ledger says {Books.Sold} were sold.");
        }

        if (inLog > campaign.Stock)
        {
            drift.Add($"OVERSOLD: the order log holds {inLog} units for a stock of {campaign.Stock}.");
        }

        await SaveAsync();
        return new ReconciliationReport
        {
            Sku = Sku,
            At = _time.GetUtcNow(),
            Stock = campaign.Stock,
            OrdersInLog = inLog,
            LedgerSold = Books.Sold,
            Pool = Books.Pool,
            InShards = Math.Max(0, Books.Outstanding),
            Held = Books.Held,
            Recovered = Books.Recovered,
            Lost = Books.Lost,
            Drift = drift,
        };
    }

    /// <inheritdoc />
    public async Task<int> ExpireUnpaid()
    {
        if (Books.Campaign is null)
        {
            return 0;
        }

        var expired = await _orders.ExpireAsync(Sku, _time.GetUtcNow() - _options.PaymentWindow, 10_000);
        var units = expired.Sum(o => o.Quantity);
        if (units == 0)
        {
            return 0;
        }

        // Each order expires exactly once (a conditional update), so each unit comes back exactly once.
        Books.Sold -= units;
        Books.Pool += units;
        Books.Expired += units;
        await SaveAsync();
        NotifyStockReturned();
        LogExpired(_logger, Sku, expired.Count, units);
        return units;
    }

    /// <inheritdoc />
    public async Task<int> ReleaseHeld(int units)
    {
        var released = Math.Clamp(units, 0, Books.Held);
        Books.Held -= released;
        Books.Pool += released;
        await SaveAsync();
        NotifyStockReturned();
        LogHeldReleased(_logger, Sku, released);
        return released;
    }

    /// <summary>Tells every shard that stock is back, so that none keeps answering "sold out" from its local flag.</summary>
    private void NotifyStockReturned()
    {
        foreach (var index in Books.Shards.Keys)
        {
            _ = GrainFactory.GetGrain<IStockShardGrain>(ShardRouting.ShardKey(Sku, index)).StockReturned();
        }
    }

    private SkuStatus Status()
    {
        if (Books.Campaign is not { } campaign)
        {
            return SkuStatus.Unknown;
        }

        var now = _time.GetUtcNow();
        if (now < campaign.StartsAt)
        {
            return SkuStatus.NotStarted;
        }

        if (now >= campaign.EndsAt)
        {
            return SkuStatus.Ended;
        }

        return Books.Pool == 0 && Books.Outstanding <= 0 ? SkuStatus.SoldOut : SkuStatus.Active;
    }

    private SkuLedger Ledger() => new()
    {
        Campaign = Books.Campaign!,
        Pool = Books.Pool,
        Sold = Books.Sold,
        Held = Books.Held,
        Recovered = Books.Recovered,
        Lost = Books.Lost,
        Expired = Books.Expired,
        Status = Status(),
        Shards = [.. Books.Shards.OrderBy(s => s.Key).Select(s => new ShardLedger(s.Key, s.Value.Epoch, s.Value.Granted, s.Value.Sold, s.Value.Returned, s.Value.Silo, s.Value.FastWrites))],
    };

    /// <summary>Raises an epoch's sold count to <paramref name="soldTotal"/> (never lowers it: reports may arrive late).</summary>
    private void Record(ShardAccount account, int soldTotal)
    {
        var sold = Math.Clamp(soldTotal - account.Sold, 0, Math.Max(0, account.Outstanding));
        account.Sold += sold;
        Books.Sold += sold;
    }

    private async Task ReclaimAsync(int index, ShardAccount previous)
    {
        // Every order the epoch ever committed counts as sold by it, expired or not: expiry gives units back separately.
        var committed = await _orders.CountAllUnitsAsync(Sku);
        var logged = committed.GetValueOrDefault((index, previous.Epoch));
        var knownSold = Math.Max(previous.Sold, logged);
        var fast = previous.FastWrites || Books.Campaign!.WriteMode == WriteMode.Fast;
        if (fast && previous.Sold > logged)
        {
            // Reported to the buyers and to these books, but the orders died in the silo's write-behind queue.
            Books.Lost += previous.Sold - logged;
        }

        Record(previous, knownSold);
        var unaccounted = previous.Outstanding;
        if (unaccounted <= 0)
        {
            return;
        }

        if (!fast)
        {
            // Every acknowledged durable sale is in the log: the rest was never sold.
            Books.Pool += unaccounted;
            Books.Recovered += unaccounted;
            LogRecovered(_logger, Sku, index, previous.Epoch, unaccounted);
        }
        else
        {
            // Written-behind orders may have died with the silo: these units may or may not have been sold.
            Books.Held += unaccounted;
            LogHeld(_logger, Sku, index, previous.Epoch, unaccounted);
        }

        previous.Returned += unaccounted;
    }

    private async Task CollectFromSiblingsAsync(int requester, int needed)
    {
        var donors = Books.Shards.Where(s => s.Key != requester && s.Value.Outstanding > 0).OrderByDescending(s => s.Value.Outstanding).ToList();
        foreach (var (index, account) in donors)
        {
            if (needed <= 0)
            {
                break;
            }

            int released;
            try
            {
                released = await GrainFactory.GetGrain<IStockShardGrain>(ShardRouting.ShardKey(Sku, index)).Release(account.Epoch, needed);
            }
            catch (Exception e)
            {
                LogSiblingUnreachable(_logger, Sku, index, e.Message);
                continue;
            }

            if (Books.Shards.TryGetValue(index, out var current) && current.Epoch == account.Epoch && released > 0)
            {
                current.Returned += released;
                Books.Pool += released;
                needed -= released;
            }
        }
    }

    /// <summary>Records a retired epoch's last report and takes its units back; it leaves the books once it holds none.</summary>
    private void SettleRetired(RetiredEpoch retired, int soldTotal, int returned)
    {
        var account = retired.Account;
        Record(account, soldTotal);
        returned = Math.Clamp(returned, 0, Math.Max(0, account.Outstanding));
        account.Returned += returned;
        Books.Pool += returned;
        if (account.Outstanding <= 0)
        {
            Books.Retired.Remove(account.Epoch);
        }
    }

    /// <summary>Whether membership lists the silo (by its runtime identity) as active; false without clustering.</summary>
    private bool IsSiloActive(string silo) =>
        ServiceProvider.GetService<IClusterMembershipService>()?.CurrentSnapshot.ActiveMembers.Any(m => string.Equals(m.SiloAddress.ToString(), silo, StringComparison.Ordinal)) == true;

    private int DefaultShardCount()
    {
        var active = ServiceProvider.GetService<IClusterMembershipService>()?.CurrentSnapshot.ActiveMembers.Count ?? 1;
        return Math.Clamp(active * 2, 4, CampaignValidation.MaxShards);
    }

    private async Task SaveAsync()
    {
        await _writeGate.WaitAsync();
        try
        {
            await _state.WriteStateAsync();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "SKU {Sku} configured: {Stock} units over {Shards} shards, {WriteMode} mode")]
    private static partial void LogConfigured(ILogger logger, string sku, int stock, int shards, WriteMode writeMode);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "SKU {Sku}: recovered {Units} units from shard {Shard} epoch {Epoch}, which died")]
    private static partial void LogRecovered(ILogger logger, string sku, int shard, long epoch, int units);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "SKU {Sku}: {Units} units of shard {Shard} epoch {Epoch} have an unknown fate after a crash in fast mode; held out of sale")]
    private static partial void LogHeld(ILogger logger, string sku, int shard, long epoch, int units);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "SKU {Sku}: released {Units} held units back on sale")]
    private static partial void LogHeldReleased(ILogger logger, string sku, int units);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "SKU {Sku}: {Orders} unpaid orders expired; {Units} units are back on sale")]
    private static partial void LogExpired(ILogger logger, string sku, int orders, int units);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "SKU {Sku}: shard {Shard} epoch {Epoch} was replaced while its silo {Silo} is alive; its {Units} units are fenced until it reports or its silo dies")]
    private static partial void LogFenced(ILogger logger, string sku, int shard, long epoch, int units, string silo);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "SKU {Sku}: shard {Shard} could not release stock: {Reason}")]
    private static partial void LogSiblingUnreachable(ILogger logger, string sku, int shard, string reason);
}
