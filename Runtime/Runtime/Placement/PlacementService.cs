using FlashSale.Runtime.CodeGeneration;
using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Membership;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Placement;

/// <summary>
/// Chooses the silo for a new activation. The candidates are the active silos (minus this one while it
/// stops), narrowed by datacenter for pinned or spread classes, then handed to the class's director
/// (its placement attribute, else <see cref="PlacementOptions.DefaultStrategy"/>). Stateless workers and system
/// targets are never placed: they are always local. A class pinned to a datacenter with no active silo
/// fails with a clear error instead of landing elsewhere.
/// </summary>
internal sealed class PlacementService
{
    private readonly IClusterView _view;
    private readonly SiloLoadStatistics _statistics;
    private readonly Dictionary<string, IPlacementDirector> _directors;
    private readonly IPlacementDirector _default;

    public PlacementService(IClusterView view, SiloLoadStatistics statistics, IOptions<PlacementOptions> options)
    {
        _view = view;
        _statistics = statistics;
        _directors = new Dictionary<string, IPlacementDirector>(StringComparer.Ordinal)
        {
            [RandomPlacementAttribute.Name] = new RandomPlacementDirector(),
            [PreferLocalPlacementAttribute.Name] = new PreferLocalPlacementDirector(),
            [HashBasedPlacementAttribute.Name] = new HashBasedPlacementDirector(),
            [ActivationCountBasedPlacementAttribute.Name] = new ActivationCountPlacementDirector(statistics),
        };
        _default = _directors[options.Value.DefaultStrategy];
    }

    public SiloAddress PickSilo(GrainId grainId, GrainClassMetadata metadata, SiloAddress localSilo, bool excludeLocal)
    {
        var attribute = metadata.GetAttribute<PlacementAttribute>();
        var candidates = new List<ClusterMember>();
        foreach (var member in _view.Snapshot.ActiveMembers)
        {
            if (!(excludeLocal && member.SiloAddress.Equals(localSilo)))
            {
                candidates.Add(member);
            }
        }

        var director = _default;
        switch (attribute)
        {
            case DatacenterPlacementAttribute pinned:
                candidates.RemoveAll(m => !string.Equals(m.Datacenter, pinned.Datacenter, StringComparison.Ordinal));
                if (candidates.Count == 0)
                {
                    throw new SiloUnavailableException($"Grain {grainId} is pinned to datacenter '{pinned.Datacenter}', which has no active silo.");
                }

                director = _directors[RandomPlacementAttribute.Name];
                break;
            case SpreadAcrossDatacentersPlacementAttribute:
                var datacenters = candidates.Select(m => m.Datacenter).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                if (datacenters.Count > 0)
                {
                    var chosen = datacenters[(int)(grainId.UniformHash % (uint)datacenters.Count)];
                    candidates.RemoveAll(m => !string.Equals(m.Datacenter, chosen, StringComparison.Ordinal));
                }

                director = _directors[RandomPlacementAttribute.Name];
                break;
            case { } other when _directors.TryGetValue(other.Strategy, out var named):
                director = named;
                break;
        }

        if (candidates.Count == 0)
        {
            throw new SiloUnavailableException($"No active silo can host grain {grainId}.");
        }

        var silo = director.Choose(new PlacementTarget(grainId, attribute, localSilo), candidates);
        _statistics.OnPlaced(silo);
        return silo;
    }
}
