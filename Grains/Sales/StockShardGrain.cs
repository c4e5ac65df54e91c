using FlashSale.Grains.Configuration;
using FlashSale.Grains.Orders;
using FlashSale.Protection.Switches;
using FlashSale.Protection.HotKeys;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Grains.Sales;

/// <summary>
/// A slice of a SKU's stock, in memory, serving the buyers whose id hashes to it.
///
/// Guarantees
/// - Never sells a unit it was not granted: <c>available</c> only grows by grants of its own epoch.
/// - Per-user limit and idempotency: a buyer always reaches the same shard, whose turns are sequential, so
///   checking and recording a buyer's units needs no lock; a retry with the same request id gets the first
///   order back (from memory, or from the order log's uniqueness after a crash).
/// - Durable mode answers "purchased" only after the order log committed the order; if the commit fails the
///   unit goes back to <c>available</c> and the buyer is told nothing was sold.
/// - Duplicate activations (a directory hand-off can briefly allow two): when another activation registers, the SKU
///   fences this epoch's units while its silo lives; the next report or refill answers "superseded", and this one
///   gives every unit back and stops selling, so the two never sell the same units.
/// - Degrade switches are read from this silo's <see cref="SwitchBoard"/> on every purchase: a paused SKU sells
///   nothing, and the write mode in force (the switch's, else the campaign's) decides durable or fast per order.
///   Before its epoch's first fast-mode sale the shard tells the SKU (persisted there), so that after a crash the
///   SKU treats the epoch's unlogged units as of unknown fate rather than recovering them: a mode flip mid-sale
///   never oversells. An activation waits for the silo's first copy of the switches before it registers.
/// - Scale-out (see StockShardGrain.HandOff.cs): the shard routes by its own notion of the shard count, which only
///   grows. A buyer who no longer routes here is forwarded to the buyer's shard, never served, so a stale router is
///   answered correctly; a new shard takes its buyers' records over from its lineage before it serves anyone.
/// - Sales are counted locally and reported to the SKU every <see cref="FlashSaleOptions.ShardReportPeriod"/>
///   (and with each refill), not per purchase. Reports carry the epoch's running total, not a delta, so a report
///   that crosses reconciliation's own correction from the order log is never counted twice. On deactivation
///   unsold units go back to the SKU.
/// - Reentrant, so that many purchases wait on the order log's group commit at once (one round trip per batch,
///   not per purchase). Every check and every change of state happens between awaits, within one turn, and is
///   re-checked after each await; a retry of a request still in flight waits for the first attempt's answer.
/// Placement spreads the shards of a SKU over both datacenters (by the shard key's hash), so that losing a
/// datacenter loses at most part of the stock's sellers, never all.
/// </summary>
[SpreadAcrossDatacentersPlacement]
[Reentrant]
public sealed partial class StockShardGrain : Grain, IStockShardGrain
{
    private readonly IOrderLog _orders;
    private readonly SwitchBoard _switches;
    private readonly TimeProvider _time;
    private readonly FlashSaleOptions _options;
    private readonly ILogger<StockShardGrain> _logger;
    private readonly HotKeyCounter _hotKeys;
    private BuyerBook _buyers = null!;
    private readonly Dictionary<(string User, string Request), Task<PurchaseResult>> _inFlight = [];
    // In-flight purchases past the point where their units are recorded (waiting for the order log): a hand-off waits for them.
    private readonly HashSet<(string User, string Request)> _committing = [];
    private ISkuGrain _sku = null!;
    private string _skuId = string.Empty;
    private int _index;
    private int _shardCount;
    private IStockShardGrain?[] _peers = [];
    private Campaign? _campaign;
    private Task<bool>? _refilling;
    private long _epoch;
    private int _available;
    private int _soldReported;
    private int _sold;
    private long _rejected;
    private long _reservations;
    private bool _soldOut;
    private Task? _fastDeclared;
    private long _orderSequence;
    private bool _superseded;

    /// <summary>Creates the grain.</summary>
    public StockShardGrain(IOrderLog orders, SwitchBoard switches, TimeProvider time, IOptions<FlashSaleOptions> options, HotKeyCounter hotKeys, ILogger<StockShardGrain> logger)
    {
        _orders = orders;
        _switches = switches;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _hotKeys = hotKeys;
    }

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_skuId, _index) = ShardRouting.ParseShardKey(this.GetPrimaryKeyString());
        _buyers = new BuyerBook(_skuId);
        _sku = GrainFactory.GetGrain<ISkuGrain>(_skuId);
        await _switches.WhenLoadedAsync(cancellationToken);
        var registration = await _sku.RegisterShard(_index, RuntimeIdentity);
        _campaign = registration.Campaign;
        _epoch = registration.Epoch;
        _available = registration.Granted;
        if (_campaign is null)
        {
            return;
        }

        AdoptShardCount(registration.ShardCount);
        try
        {
            await RestoreBuyersAsync(registration.Generation, cancellationToken);
        }
        catch
        {
            // Serving without the buyers' records could break their limits: fail, and give the fresh grant back.
            var granted = _available;
            _available = 0;
            await _sku.ReportAndReturn(_index, _epoch, 0, granted);
            throw;
        }

        this.RegisterGrainTimer(ReportAsync, _options.ShardReportPeriod, _options.ShardReportPeriod);
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_campaign is null)
        {
            return;
        }

        var returned = _available;
        _available = 0;
        await _sku.ReportAndReturn(_index, _epoch, _sold, returned);
    }

    /// <inheritdoc />
    public ValueTask<PurchaseResult> Purchase(PurchaseRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.UserId) || string.IsNullOrWhiteSpace(request.RequestId) || request.Quantity < 1)
        {
            return new(Reject(PurchaseOutcome.Invalid, "userId, requestId and a quantity of at least 1 are required."));
        }

        if (!RoutesHere(request.UserId))
        {
            // Routed by an older shard count: the buyer's shard answers (and counts the request).
            return ForwardAsync(request);
        }

        _hotKeys.Count(_skuId);
        if (_buyers.TryGet(request.UserId, request.RequestId, out var first))
        {
            return new(first);
        }

        var key = (request.UserId, request.RequestId);

        if (_inFlight.TryGetValue(key, out var pending))
        {
            // The same request is being processed (a client retry raced its first attempt): same answer.
            return new(pending);
        }

        // Most purchases complete without awaiting anything (the units are here, the log is in memory or written
        // behind): as a value task that costs no Task object. Only one that waits becomes a task others can join.
        var attempt = PurchaseCoreAsync(request);
        if (attempt.IsCompleted)
        {
            return attempt;
        }

        var waiting = attempt.AsTask();
        _inFlight[key] = waiting;
        return new(waiting);
    }

    private async ValueTask<PurchaseResult> PurchaseCoreAsync(PurchaseRequest request)
    {
        try
        {
            if (_campaign is not { } campaign)
            {
                return Reject(PurchaseOutcome.UnknownSku, $"SKU {_skuId} has no campaign.");
            }

            var now = _time.GetUtcNow();
            if (now < campaign.StartsAt)
            {
                return Reject(PurchaseOutcome.NotStarted, $"The sale starts at {campaign.StartsAt:O}.");
            }

            if (now >= campaign.EndsAt)
            {
                return Reject(PurchaseOutcome.Ended, $"The sale ended at {campaign.EndsAt:O}.");
            }

            if (_switches.For(_skuId) is { Paused: true } paused)
            {
                return Reject(PurchaseOutcome.Paused, paused.PauseReason ?? "Purchases are paused.");
            }

            if (_superseded)
            {
                return Reject(PurchaseOutcome.Unavailable, "This shard moved to another silo; nothing was sold. Try again.");
            }

            // Check the limit, then make sure the units are here; after a refill (an await) check the limit again,
            // since the same buyer's other requests may have completed meanwhile.
            while (true)
            {
                var owned = _buyers.UnitsOf(request.UserId);
                if (owned + request.Quantity > campaign.PerUserLimit)
                {
                    return Reject(PurchaseOutcome.LimitExceeded, $"The limit is {campaign.PerUserLimit} per buyer; {owned} already bought or being bought.");
                }

                if (_available >= request.Quantity)
                {
                    // The units are this buyer's from here on: taken before the next await so nothing else can sell them.
                    _available -= request.Quantity;
                    _buyers.SetUnits(request.UserId, owned + request.Quantity);
                    break;
                }

                if (!await RefillAsync(request.Quantity))
                {
                    return _superseded
                        ? Reject(PurchaseOutcome.Unavailable, "This shard moved to another silo; nothing was sold. Try again.")
                        : Reject(PurchaseOutcome.SoldOut, $"SKU {_skuId} is sold out.");
                }

                if (!RoutesHere(request.UserId))
                {
                    // A descendant took this buyer over while the refill was awaited: its records are there now.
                    return await ForwardAsync(request);
                }
            }

            return await CommitAsync(request, campaign, now);
        }
        finally
        {
            _inFlight.Remove((request.UserId, request.RequestId));
        }
    }

    // A value task: most commits complete without waiting (the log in memory, or written behind), and a Task per
    // purchase was a twentieth of what a sale allocates.
    private async ValueTask<PurchaseResult> CommitAsync(PurchaseRequest request, Campaign campaign, DateTimeOffset now)
    {
        var order = new Order
        {
            OrderId = NewOrderId(),
            Sku = _skuId,
            UserId = request.UserId,
            Quantity = request.Quantity,
            Price = campaign.Price,
            CreatedAt = now,
            RequestId = request.RequestId,
            Shard = _index,
            Epoch = _epoch,
        };

        if (_switches.For(_skuId).ModeFor(campaign) == WriteMode.Durable)
        {
            Order stored;
            var key = (request.UserId, request.RequestId);
            var tracked = false;
            try
            {
                var append = _orders.AppendAsync(order);
                tracked = !append.IsCompleted && _committing.Add(key);
                stored = await append;
            }
            catch (Exception e)
            {
                Undo(request);
                LogCommitFailed(_logger, _skuId, _index, e.Message);
                return Reject(PurchaseOutcome.Unavailable, "The order could not be recorded; nothing was sold. Try again.");
            }
            finally
            {
                if (tracked)
                {
                    _committing.Remove(key);
                }
            }

            if (!string.Equals(stored.OrderId, order.OrderId, StringComparison.Ordinal))
            {
                // The same request was already committed (before a crash): answer with that order, sell nothing more.
                Undo(request);
                return Remember(request, new PurchaseResult(PurchaseOutcome.Purchased, stored, "Already purchased with this request id."));
            }
        }
        else
        {
            if (!await DeclareFastWritesAsync((request.UserId, request.RequestId)))
            {
                Undo(request);
                return Reject(PurchaseOutcome.Unavailable, "The order could not be recorded; nothing was sold. Try again.");
            }

            _orders.AppendBehind(order);
        }

        _sold += request.Quantity;
        return Remember(request, new PurchaseResult(PurchaseOutcome.Purchased, order, null));
    }

    /// <summary>Makes sure the SKU knows this epoch writes behind before its first such sale; false if the SKU could not be told.</summary>
    private async Task<bool> DeclareFastWritesAsync((string User, string Request) key)
    {
        // One declaration per epoch, shared by the purchases racing to be the first fast one.
        _fastDeclared ??= _sku.DeclareFastWrites(_index, _epoch);
        if (_fastDeclared.IsCompletedSuccessfully)
        {
            return true;
        }

        // Like a durable commit, a purchase waiting here has its units recorded: a hand-off waits for its answer.
        var tracked = _committing.Add(key);
        try
        {
            await _fastDeclared;
            return true;
        }
        catch (Exception e)
        {
            _fastDeclared = null;
            LogCommitFailed(_logger, _skuId, _index, e.Message);
            return false;
        }
        finally
        {
            if (tracked)
            {
                _committing.Remove(key);
            }
        }
    }

    /// <inheritdoc />
    public Task Reserve(string userId)
    {
        _reservations++;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> Release(long epoch, int wanted)
    {
        if (epoch != _epoch || wanted <= 0)
        {
            return Task.FromResult(0);
        }

        // Keep half for this shard's own buyers, but let the last unit go: stock must flow to where buyers are.
        var give = Math.Min(wanted, (_available + 1) / 2);
        _available -= give;
        return Task.FromResult(give);
    }

    /// <inheritdoc />
    public Task StockReturned()
    {
        _soldOut = false;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ShardCounters> GetCounters() =>
        Task.FromResult(new ShardCounters(_index, _epoch, _available, _sold, _rejected, _reservations, RuntimeIdentity));

    /// <summary>
    /// Asks the SKU for more units; false when the SKU has none to give (the caller answers sold out). Purchases that
    /// need units while a request is out share it rather than queue more at the SKU grain (a shard new after a split
    /// starts empty, and all its first buyers need units at once); each checks the units again afterwards.
    /// </summary>
    private Task<bool> RefillAsync(int quantity)
    {
        if (_soldOut)
        {
            return Task.FromResult(false);
        }

        if (_refilling is { } pending)
        {
            return pending;
        }

        var refill = RequestStockAsync(quantity);
        if (!refill.IsCompleted)
        {
            _refilling = refill;
        }

        return refill;
    }

    private async Task<bool> RequestStockAsync(int quantity)
    {
        try
        {
            var sold = _sold;
            var grant = await _sku.RequestStock(_index, _epoch, Math.Max(quantity - _available, RefillBatch()), sold);
            _soldReported = Math.Max(_soldReported, sold);
            if (grant.Superseded)
            {
                await RetireAsync();
                return false;
            }

            _available += grant.Units;
            if (grant.Units == 0 && grant.SoldOut && _available < quantity)
            {
                _soldOut = true;
                return false;
            }

            return grant.Units > 0 || _available >= quantity;
        }
        finally
        {
            // Before the sharers resume, so that one who still lacks units asks anew.
            _refilling = null;
        }
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        if (_superseded)
        {
            return;
        }

        if (_soldOut || _sold > _soldReported)
        {
            // Reporting through RequestStock also tells this activation whether another one replaced it. When sold
            // out it asks for units again, quietly: some may have come back (expired orders, released holds).
            var sold = _sold;
            var grant = await _sku.RequestStock(_index, _epoch, _soldOut ? RefillBatch() : 0, sold);
            _soldReported = Math.Max(_soldReported, sold);
            if (grant.Superseded)
            {
                await RetireAsync();
                return;
            }

            _available += grant.Units;
            _soldOut = _soldOut && grant.SoldOut;
        }
    }

    /// <summary>
    /// Another activation of this shard registered (a duplicate during a directory hand-off): give every unit back
    /// to the SKU, which fenced them for this epoch, sell nothing more, and go away.
    /// </summary>
    private async Task RetireAsync()
    {
        if (_superseded)
        {
            return;
        }

        _superseded = true;
        var returned = _available;
        _available = 0;
        LogSuperseded(_logger, _skuId, _index, _epoch, returned);
        await _sku.ReportAndReturn(_index, _epoch, _sold, returned);
        this.DeactivateOnIdle();
    }

    private int RefillBatch()
    {
        var shards = Math.Max(1, _shardCount);
        return Math.Clamp((_campaign?.Stock ?? 0) / (shards * 4), 1, _options.MaxRefillBatch);
    }

    private void Undo(PurchaseRequest request)
    {
        _available += request.Quantity;
        _buyers.SetUnits(request.UserId, _buyers.UnitsOf(request.UserId) - request.Quantity);
    }

    private PurchaseResult Reject(PurchaseOutcome outcome, string message)
    {
        _rejected++;
        return PurchaseResult.Reject(outcome, message);
    }

    private PurchaseResult Remember(PurchaseRequest request, PurchaseResult result)
    {
        _buyers.Remember(request.UserId, result);
        return result;
    }

    // (SKU, shard, epoch) names one shard activation (epochs are persisted by the SKU before a shard sells), so a
    // sequence within it is unique; a random GUID per order cost 6% of a sale's CPU. Order ids are not secrets:
    // reading or paying an order needs its buyer's token where tokens are configured.
    private string NewOrderId() => $"{_skuId}-{_index}-{_epoch}-{++_orderSequence}";

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "SKU {Sku} shard {Shard} epoch {Epoch} was replaced by another activation; it gave back {Units} units and stops selling")]
    private static partial void LogSuperseded(ILogger logger, string sku, int shard, long epoch, int units);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "SKU {Sku} shard {Shard}: an order could not be committed: {Reason}")]
    private static partial void LogCommitFailed(ILogger logger, string sku, int shard, string reason);
}
