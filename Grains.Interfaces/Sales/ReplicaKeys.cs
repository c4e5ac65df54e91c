namespace FlashSale.Grains;

/// <summary>
/// The keys of a SKU's read replicas: replica 0 is keyed by the SKU id itself, replica i by "{sku}#{i}" ('#' never
/// appears in a SKU id). Readers pick one of <see cref="SkuView.ReplicaCount"/> keys; each key is a stateless worker
/// of its own on every silo, so a hot SKU's reads spread over more activations.
/// </summary>
public static class ReplicaKeys
{
    /// <summary>The separator between the SKU id and the replica number.</summary>
    public const char Separator = '#';

    /// <summary>The most replicas a SKU may have.</summary>
    public const int MaxReplicas = 64;

    /// <summary>The key of replica <paramref name="replica"/> of <paramref name="sku"/>.</summary>
    public static string For(string sku, int replica) =>
        replica <= 0 ? sku : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sku}{Separator}{replica}");

    /// <summary>The key of one of <paramref name="replicaCount"/> replicas, chosen by <paramref name="spread"/> (any number, e.g. a counter).</summary>
    public static string Pick(string sku, int replicaCount, uint spread) =>
        replicaCount <= 1 ? sku : For(sku, (int)(spread % (uint)Math.Min(replicaCount, MaxReplicas)));

    /// <summary>The SKU id of a replica key.</summary>
    public static string SkuOf(string replicaKey)
    {
        var separator = replicaKey.IndexOf(Separator, StringComparison.Ordinal);
        return separator < 0 ? replicaKey : replicaKey[..separator];
    }
}
