namespace FlashSale.Grains;

/// <summary>What kind of process counted the requests of a hot-key report.</summary>
public enum HotKeySourceKind
{
    /// <summary>A silo: purchases at stock shards and reads at read replicas.</summary>
    Silo = 0,

    /// <summary>An API gateway: purchase and product-read requests.</summary>
    Gateway = 1,
}
