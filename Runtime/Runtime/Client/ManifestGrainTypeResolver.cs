using System.Collections.Concurrent;
using FlashSale.Runtime.Catalog;
using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Client;

/// <summary>Resolves grain types on a client from the manifest its gateway sent (the client has no grain classes).</summary>
internal sealed class ManifestGrainTypeResolver : IGrainTypeResolver
{
    private readonly ConcurrentDictionary<(Type, string?), string> _cache = new();
    private volatile IReadOnlyList<GrainClassInfo> _classes = [];

    public bool HasManifest => _classes.Count > 0;

    public void Update(IReadOnlyList<GrainClassInfo> classes)
    {
        _classes = classes;
        _cache.Clear();
    }

    public string ResolveGrainType(Type grainInterface, string? grainClassNamePrefix) =>
        _cache.GetOrAdd((grainInterface, grainClassNamePrefix), static (key, self) => self.Find(key.Item1, key.Item2), this);

    private string Find(Type grainInterface, string? prefix)
    {
        if (_classes.Count == 0)
        {
            throw new InvalidOperationException("The client has not connected to the cluster yet: start the host (or call ConnectAsync) before getting grains.");
        }

        var alias = CodecRegistry.GetAlias(grainInterface);
        GrainClassInfo? match = null;
        foreach (var info in _classes)
        {
            if (!info.InterfaceAliases.Contains(alias) ||
                (prefix is not null && !info.ClassName.StartsWith(prefix, StringComparison.Ordinal) && !info.ClassName[(info.ClassName.LastIndexOf('.') + 1)..].StartsWith(prefix, StringComparison.Ordinal)))
            {
                continue;
            }

            if (match is not null)
            {
                throw new ArgumentException($"Both '{match.ClassName}' and '{info.ClassName}' implement '{grainInterface.FullName}'; pass a grain class name prefix to choose.", nameof(grainInterface));
            }

            match = info;
        }

        return match?.GrainType ?? throw new ArgumentException($"No grain class in the cluster implements '{grainInterface.FullName}'.", nameof(grainInterface));
    }
}
