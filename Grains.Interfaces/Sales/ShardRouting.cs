namespace FlashSale.Grains;

/// <summary>
/// Routes buyers to stock shards. A buyer always lands on shard hash(user) mod N (a hash every process computes
/// alike), so the per-user limit and idempotency are local to one shard.
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
}
