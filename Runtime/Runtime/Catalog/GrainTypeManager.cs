using System.Collections.Concurrent;
using FlashSale.Runtime.CodeGeneration;
using FlashSale.Runtime.Configuration;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Catalog;

/// <summary>
/// The grain classes this process knows (from generated metadata, no reflection scan of types), how an
/// interface maps to a grain type, and per-class settings (collection age, stateless-worker limit).
/// An interface implemented by several classes needs a class-name prefix to choose, as in Orleans.
/// </summary>
internal sealed class GrainTypeManager : IGrainTypeResolver
{
    private readonly ConcurrentDictionary<Type, string> _typeByInterface = new();
    private readonly GrainCollectionOptions _collection;
    private readonly SchedulingOptions _scheduling;
    private Dictionary<string, GrainClassMetadata> _byGrainType = new(StringComparer.Ordinal);

    public GrainTypeManager(IOptions<GrainCollectionOptions> collection, IOptions<SchedulingOptions> scheduling)
    {
        _collection = collection.Value;
        _scheduling = scheduling.Value;
        Refresh();
    }

    public IReadOnlyCollection<GrainClassMetadata> GrainClasses => _byGrainType.Values;

    public GrainClassMetadata GetMetadata(string grainType)
    {
        if (_byGrainType.TryGetValue(grainType, out var metadata))
        {
            return metadata;
        }

        Refresh();
        return _byGrainType.TryGetValue(grainType, out metadata)
            ? metadata
            : throw new InvalidOperationException($"No grain class with grain type '{grainType}' is loaded in this silo.");
    }

    public string ResolveGrainType(Type grainInterface, string? grainClassNamePrefix)
    {
        if (grainClassNamePrefix is null && _typeByInterface.TryGetValue(grainInterface, out var cached))
        {
            return cached;
        }

        var resolved = FindGrainType(grainInterface, grainClassNamePrefix);
        if (resolved is null)
        {
            Refresh();
            resolved = FindGrainType(grainInterface, grainClassNamePrefix);
        }

        if (resolved is null)
        {
            throw new ArgumentException(
                grainClassNamePrefix is null
                    ? $"No grain class implements '{grainInterface.FullName}'."
                    : $"No grain class whose name starts with '{grainClassNamePrefix}' implements '{grainInterface.FullName}'.",
                nameof(grainInterface));
        }

        if (grainClassNamePrefix is null)
        {
            _typeByInterface[grainInterface] = resolved;
        }

        return resolved;
    }

    public TimeSpan GetCollectionAge(GrainClassMetadata metadata)
    {
        if (_collection.ClassSpecificCollectionAge.TryGetValue(metadata.GrainClass.FullName!, out var age)
            || _collection.ClassSpecificCollectionAge.TryGetValue(metadata.GrainType, out age))
        {
            return age;
        }

        return metadata.GetAttribute<CollectionAgeLimitAttribute>()?.AgeLimit ?? _collection.CollectionAge;
    }

    /// <summary>The per-silo worker limit of a stateless worker class, or 0 for an ordinary grain.</summary>
    public int GetMaxLocalWorkers(GrainClassMetadata metadata) =>
        metadata.GetAttribute<StatelessWorkerAttribute>() switch
        {
            null => 0,
            { MaxLocalWorkers: > 0 } worker => worker.MaxLocalWorkers,
            _ => _scheduling.DefaultMaxLocalWorkers,
        };

    private string? FindGrainType(Type grainInterface, string? prefix)
    {
        GrainClassMetadata? match = null;
        foreach (var metadata in _byGrainType.Values)
        {
            if (!metadata.Interfaces.Contains(grainInterface))
            {
                continue;
            }

            if (prefix is not null && !(metadata.GrainClass.FullName ?? string.Empty).StartsWith(prefix, StringComparison.Ordinal)
                && !metadata.GrainClass.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (match is not null)
            {
                throw new ArgumentException(
                    $"Both '{match.GrainClass.FullName}' and '{metadata.GrainClass.FullName}' implement '{grainInterface.FullName}'; pass a grain class name prefix to choose.",
                    nameof(grainInterface));
            }

            match = metadata;
        }

        return match?.GrainType;
    }

    private void Refresh()
    {
        GeneratedCodeRegistry.LoadAll();
        var next = new Dictionary<string, GrainClassMetadata>(StringComparer.Ordinal);
        foreach (var metadata in GeneratedCodeRegistry.GrainClasses)
        {
            if (next.TryGetValue(metadata.GrainType, out var existing) && existing.GrainClass != metadata.GrainClass)
            {
                throw new InvalidOperationException(
                    $"Grain classes '{existing.GrainClass.FullName}' and '{metadata.GrainClass.FullName}' share the grain type '{metadata.GrainType}'; give one a [GrainType].");
            }

            next[metadata.GrainType] = metadata;
        }

        _byGrainType = next;
    }
}
