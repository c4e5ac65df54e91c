using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Membership;

/// <summary>
/// Adapts the membership service when clustering is configured; otherwise a fixed one-silo cluster. The
/// membership service is attached when the silo starts (not at construction), because it depends on the
/// runtime that depends on this view.
/// </summary>
internal sealed class ClusterView : IClusterView
{
    private readonly IServiceProvider _services;
    private readonly ClusterMembershipSnapshot _standalone;
    private IClusterMembershipService? _membership;

    public ClusterView(IServiceProvider services, LocalSiloDetails silo, IOptions<Configuration.SiloOptions> options)
    {
        _services = services;
        var self = new ClusterMember(silo.SiloAddress, SiloStatus.Active, silo.Name, silo.Datacenter, options.Value.GatewayPort);
        _standalone = new ClusterMembershipSnapshot { Members = ImmutableDictionary<SiloAddress, ClusterMember>.Empty.Add(silo.SiloAddress, self), Version = 1 };
    }

    public bool IsClustered => _membership is not null;

    public ClusterMembershipSnapshot Snapshot => _membership?.CurrentSnapshot ?? _standalone;

    public event Action<ClusterMembershipSnapshot>? Changed;

    /// <summary>Subscribes to the membership service, if clustering is configured.</summary>
    public void Attach()
    {
        if (_membership is not null)
        {
            return;
        }

        _membership = _services.GetService<IClusterMembershipService>();
        if (_membership is not null)
        {
            _membership.SnapshotUpdated += s => Changed?.Invoke(s);
            Changed?.Invoke(_membership.CurrentSnapshot);
        }
    }
}
