using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Invocation;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Membership;

/// <summary>
/// Development clustering on one silo: the primary silo (whose endpoint is the configured primary endpoint)
/// keeps the table in memory and serves it as an <see cref="IMembershipTableSystemTarget"/>; every other silo
/// uses a <see cref="SystemTargetBasedMembershipTable"/> that calls the primary. The table is lost with the
/// primary: a single point of failure, for development only.
/// </summary>
internal sealed class DevelopmentMembershipTableHost
{
    public DevelopmentMembershipTableHost(LocalSiloDetails silo, IOptions<DevelopmentClusterMembershipOptions> options, Func<IGrainReferenceRuntime> runtime)
    {
        var primary = options.Value.PrimarySiloEndpoint ?? silo.SiloAddress.Endpoint;
        IsPrimary = primary.Equals(silo.SiloAddress.Endpoint);
        if (IsPrimary)
        {
            var table = new InMemoryMembershipTable();
            Table = table;
            SystemTarget = new MembershipTableSystemTarget(table);
        }
        else
        {
            Table = new SystemTargetBasedMembershipTable(runtime, primary);
        }
    }

    /// <summary>Whether this silo hosts the table.</summary>
    public bool IsPrimary { get; }

    /// <summary>The table this silo uses.</summary>
    public IMembershipTable Table { get; }

    /// <summary>The table's system target, on the primary only.</summary>
    public MembershipTableSystemTarget? SystemTarget { get; }
}
