using Microsoft.Extensions.Logging;

namespace FlashSale.Grains.Sales;

/// <summary>
/// Scaling a hot SKU out: more shards and more read replicas.
///
/// The shard count only doubles. Under hash(user) mod N, doubling N moves each buyer of shard j either nowhere or
/// to shard j + N, and nowhere else, so a buyer's per-user records move from exactly one shard to exactly one new
/// shard (its child), which takes them over when it activates (<see cref="IStockShardGrain.HandOff"/>). The new
/// count is persisted before anyone can route by it; new shards register like any other (they may start with
/// nothing and refill from the pool or their siblings), so the books' conservation is untouched.
/// </summary>
public sealed partial class SkuGrain
{
    /// <inheritdoc />
    public async Task<int> ScaleOut(int expectedShardCount, int maxShards)
    {
        var campaign = Books.Campaign ?? throw new InvalidOperationException($"SKU {Sku} has no campaign.");
        var cap = Math.Min(maxShards, CampaignValidation.MaxShards);
        int before;
        await _writeGate.WaitAsync();
        try
        {
            before = Books.ShardCount;
            if (before != expectedShardCount || before * 2 > cap)
            {
                // Another caller doubled it already, or it is at the cap: either way nothing to do.
                return before;
            }

            Books.ShardCount = before * 2;
            Books.Generation++;
            Books.Campaign = campaign with { Shards = Books.ShardCount };
            try
            {
                await _state.WriteStateAsync();
            }
            catch
            {
                // Nobody may route by a count that is not persisted: a restarted SKU grain would not know it.
                Books.ShardCount = before;
                Books.Generation--;
                Books.Campaign = campaign;
                throw;
            }
        }
        finally
        {
            _writeGate.Release();
        }

        LogScaledOut(_logger, Sku, before, Books.ShardCount, Books.Generation);
        for (var index = before; index < Books.ShardCount; index++)
        {
            // Activate the new shards now rather than on their first buyer: their parents learn the new count from
            // the hand-off and start forwarding, and the first buyer does not wait for the activation.
            _ = WakeShardAsync(index);
        }

        return Books.ShardCount;
    }

    /// <inheritdoc />
    public async Task<int> RaiseReplicas(int replicas)
    {
        _ = Books.Campaign ?? throw new InvalidOperationException($"SKU {Sku} has no campaign.");
        var before = Math.Max(1, Books.ReplicaCount);
        var target = Math.Clamp(replicas, 1, ReplicaKeys.MaxReplicas);
        if (target <= before)
        {
            return before;
        }

        Books.ReplicaCount = target;
        await SaveAsync();
        LogReplicasRaised(_logger, Sku, before, target);
        return target;
    }

    /// <summary>Whether a configured shard count is the current one or one it doubled from (an unchanged campaign re-posted).</summary>
    private bool IsCurrentOrEarlierShardCount(int shards)
    {
        for (var generation = 0; generation <= Books.Generation; generation++)
        {
            if (Books.ShardCount >> generation == shards)
            {
                return true;
            }
        }

        return false;
    }

    private async Task WakeShardAsync(int index)
    {
        try
        {
            await GrainFactory.GetGrain<IStockShardGrain>(ShardRouting.ShardKey(Sku, index)).GetCounters();
        }
        catch (Exception e)
        {
            // Not needed for correctness: the shard activates on its first buyer instead.
            LogSiblingUnreachable(_logger, Sku, index, e.Message);
        }
    }

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "SKU {Sku} scaled out from {Before} to {After} shards (generation {Generation})")]
    private static partial void LogScaledOut(ILogger logger, string sku, int before, int after, int generation);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "SKU {Sku}: read replicas raised from {Before} to {After}")]
    private static partial void LogReplicasRaised(ILogger logger, string sku, int before, int after);
}
