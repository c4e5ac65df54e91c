namespace FlashSale.Client.Api.Hosting;

/// <summary>Limits and keys of the API gateway (section FlashSale:Gateway, and FlashSale:Admin:Key).</summary>
public sealed class GatewayOptions
{
    /// <summary>The longest user id or request id accepted.</summary>
    public int MaxIdLength { get; set; } = 64;

    /// <summary>The largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024;

    /// <summary>How long the gateway reuses a SKU's view before asking the replica again.</summary>
    public TimeSpan ViewCacheTtl { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The admin bearer key; admin endpoints answer 401 while it is empty.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Returns the problems with these options, if any.</summary>
    public IEnumerable<string> Validate()
    {
        if (MaxIdLength is < 1 or > 1024)
        {
            yield return "FlashSale:Gateway:MaxIdLength must be between 1 and 1024.";
        }

        if (MaxRequestBodyBytes is < 256 or > 1024 * 1024)
        {
            yield return "FlashSale:Gateway:MaxRequestBodyBytes must be between 256 and 1 MiB.";
        }

        if (ViewCacheTtl < TimeSpan.Zero || ViewCacheTtl > TimeSpan.FromSeconds(10))
        {
            yield return "FlashSale:Gateway:ViewCacheTtl must be between 0 and 10 s.";
        }
    }
}
