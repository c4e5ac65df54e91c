using System.Collections.Concurrent;

namespace FlashSale.Runtime.SystemTargets;

/// <summary>The system targets hosted by this silo, by grain type.</summary>
internal sealed class SystemTargetRegistry
{
    private readonly ConcurrentDictionary<string, object> _targets = new(StringComparer.Ordinal);

    /// <summary>Hosts <paramref name="implementation"/> as this silo's <typeparamref name="TInterface"/> system target.</summary>
    public void Register<TInterface>(TInterface implementation)
        where TInterface : class, ISystemTarget =>
        _targets[SystemTargetId.GrainTypeOf(typeof(TInterface))] = implementation;

    public bool TryGet(string grainType, out object? implementation) => _targets.TryGetValue(grainType, out implementation);
}
