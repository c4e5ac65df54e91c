using Microsoft.Extensions.Logging;

namespace FlashSale.Grains.Sales;

/// <summary>
/// Scale-out on the shard side: routing by the shard's own notion of the shard count, forwarding, and the hand-off
/// of buyers' records to descendants.
///
/// Protocol (the shard count N only doubles; shard k's lineage is k, k mod N/2, k mod N/4, ...)
/// - A shard activates under the SKU's current count. Before it serves anyone it asks every other shard of its
///   lineage for the records of the buyers who now route to it (<see cref="HandOff"/>) and merges them with what the
///   order log holds for those buyers over the whole lineage (taking the larger count per buyer: the log knows what
///   was committed, even by activations that died; the ancestors know what is still in flight and the answers).
/// - An ancestor asked for a hand-off first adopts the new count, in the same turn, so from then on it forwards the
///   descendant's buyers instead of serving them. Units are recorded in the same turn as the routing check, before
///   any await, so every purchase the ancestor accepted for those buyers is in the records it hands off; purchases
///   already waiting for the order log are awaited first, so that their outcome (an order, or units given back and
///   an answer) is what moves.
/// - Only ancestors ever served a descendant's buyers (a shard that serves buyer u under count M is u's shard
///   hash mod M, which is in the lineage of u's shard under any larger count), and each ancestor stops at the
///   hand-off, so after it no shard but the descendant serves them.
/// - Forwarding always goes to a higher index under a larger count, so it cannot loop.
/// </summary>
public sealed partial class StockShardGrain
{
    /// <inheritdoc />
    public async Task<ShardHandOff> HandOff(int childIndex, int shardCount)
    {
        if (_campaign is null)
        {
            return ShardHandOff.Empty;
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(shardCount, CampaignValidation.MaxShards);
        ArgumentOutOfRangeException.ThrowIfNegative(childIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(childIndex, shardCount);
        AdoptShardCount(shardCount);

        List<Task>? settling = null;
        foreach (var key in _committing)
        {
            if (ShardRouting.ShardFor(key.User, shardCount) == childIndex && _inFlight.TryGetValue(key, out var pending))
            {
                (settling ??= []).Add(pending);
            }
        }

        if (settling is not null)
        {
            // These only wait for the order log, never for the child (which is waiting for this answer).
            await Task.WhenAll(settling);
        }

        var units = _buyers.UnitsFor(user => ShardRouting.ShardFor(user, shardCount) == childIndex);
        var answers = _buyers.AnswersFor(user => ShardRouting.ShardFor(user, shardCount) == childIndex);

        LogHandedOff(_logger, _skuId, _index, childIndex, shardCount, units.Count, answers.Count);
        return new ShardHandOff(units, answers);
    }

    /// <summary>Takes over the records of this shard's buyers from the rest of its lineage and from the order log.</summary>
    private async Task RestoreBuyersAsync(int generation, CancellationToken cancellationToken)
    {
        var lineage = ShardRouting.Lineage(_index, _shardCount, generation);
        var handOffs = new ShardHandOff[lineage.Count - 1];
        if (handOffs.Length > 0)
        {
            var calls = new Task<ShardHandOff>[handOffs.Length];
            for (var i = 0; i < calls.Length; i++)
            {
                calls[i] = Peer(lineage[i + 1]).HandOff(_index, _shardCount);
            }

            handOffs = await Task.WhenAll(calls);
        }

        // After the hand-offs, so that what the ancestors committed while handing off is in the log too.
        foreach (var (user, units) in await _orders.GetUserUnitsOverShardsAsync(_skuId, lineage, RoutesHere, cancellationToken))
        {
            _buyers.SetUnits(user, units);
        }

        foreach (var handOff in handOffs)
        {
            foreach (var (user, units) in handOff.UserUnits)
            {
                if (RoutesHere(user) && units > _buyers.UnitsOf(user))
                {
                    _buyers.SetUnits(user, units);
                }
            }

            foreach (var answer in handOff.Answers)
            {
                if (answer.Order is { } order && RoutesHere(order.UserId))
                {
                    _buyers.Remember(order.UserId, answer);
                }
            }
        }

        if (handOffs.Length > 0)
        {
            LogTookOver(_logger, _skuId, _index, _shardCount, lineage.Count - 1, _buyers.BuyerCount);
        }
    }

    /// <summary>Routes by <paramref name="shardCount"/> from now on, unless this shard already knows a larger count.</summary>
    private void AdoptShardCount(int shardCount)
    {
        if (shardCount > _shardCount)
        {
            _shardCount = shardCount;
        }
    }

    private bool RoutesHere(string userId) => _shardCount <= 1 || ShardRouting.ShardFor(userId, _shardCount) == _index;

    private ValueTask<PurchaseResult> ForwardAsync(PurchaseRequest request) =>
        Peer(ShardRouting.ShardFor(request.UserId, _shardCount)).Purchase(request);

    private IStockShardGrain Peer(int index)
    {
        if (index >= _peers.Length)
        {
            Array.Resize(ref _peers, Math.Max(index + 1, _shardCount));
        }

        return _peers[index] ??= GrainFactory.GetGrain<IStockShardGrain>(ShardRouting.ShardKey(_skuId, index));
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "SKU {Sku} shard {Shard} handed {Buyers} buyers and {Answers} answers to shard {Child} of {Shards}")]
    private static partial void LogHandedOff(ILogger logger, string sku, int shard, int child, int shards, int buyers, int answers);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "SKU {Sku} shard {Shard} of {Shards} took over from {Ancestors} ancestors; it knows {Buyers} buyers")]
    private static partial void LogTookOver(ILogger logger, string sku, int shard, int shards, int ancestors, int buyers);
}
