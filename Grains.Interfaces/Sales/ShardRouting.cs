namespace FlashSale.Grains;

/// <summary>
/// Routes buyers to stock shards. A buyer always lands on shard hash(user) mod N (a hash every process computes
/// alike), so the per-user limit and idempotency are local to one shard.
///
/// N only ever doubles (a scale-out), so a buyer of shard k among N was, before the last doubling, a buyer of
/// k mod N/2, before that of k mod N/4, and so on down to the campaign's first count: the shard's lineage.
/// </summary>
public static class ShardRouting
{
    /// <summary>The shard of <paramref name="userId"/> among <paramref name="shardCount"/>.</summary>
    public static int ShardFor(string userId, int shardCount) => (int)(StableHash.Compute(userId) % (uint)shardCount);

    /// <summary>The grain key of a shard.</summary>
    public static string ShardKey(string sku, int index) => $"{sku}/{index}";

    /// <summary>Parses a shard key into SKU and index.</summary>
    public static (string Sku, int Index) ParseShardKey(string key)
    {
        var slash = key.LastIndexOf('/');
        return slash > 0 && int.TryParse(key.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? (key[..slash], index)
            : throw new FormatException($"'{key}' is not a shard key of the form sku/index.");
    }

    /// <summary>
    /// The shards whose buyers may now route to <paramref name="index"/>: the index itself, then
    /// index mod N/2, index mod N/4, ... for each of the <paramref name="generation"/> doublings that led to
    /// <paramref name="shardCount"/> (distinct, highest first).
    /// </summary>
    public static IReadOnlyList<int> Lineage(int index, int shardCount, int generation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shardCount >> generation, nameof(shardCount));
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, shardCount);
        var lineage = new List<int>(generation + 1) { index };
        for (var level = 1; level <= generation; level++)
        {
            var ancestor = index % (shardCount >> level);
            if (ancestor != lineage[^1])
            {
                lineage.Add(ancestor);
            }
        }

        return lineage;
    }
}
