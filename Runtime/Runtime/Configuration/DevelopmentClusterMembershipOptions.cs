using System.Net;

namespace FlashSale.Runtime.Configuration;

/// <summary>Development clustering: the membership table lives in memory on one primary silo.</summary>
public sealed class DevelopmentClusterMembershipOptions
{
    /// <summary>The silo-to-silo endpoint of the primary silo, which hosts the table.</summary>
    public IPEndPoint? PrimarySiloEndpoint { get; set; }
}
