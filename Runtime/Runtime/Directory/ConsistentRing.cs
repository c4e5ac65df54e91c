namespace FlashSale.Runtime.Directory;

/// <summary>
/// The consistent-hash ring of the active silos, with several points per silo so that ranges are even. The
/// owner of a hash is the silo of the first point at or after it, wrapping around. Every silo that has the
/// same set of active silos computes the same owners (the hashes are stable across processes).
/// </summary>
internal sealed class ConsistentRing
{
    public const int PointsPerSilo = 30;

    private readonly uint[] _points;
    private readonly SiloAddress[] _owners;

    private ConsistentRing(uint[] points, SiloAddress[] owners, IReadOnlyList<SiloAddress> silos)
    {
        _points = points;
        _owners = owners;
        Silos = silos;
    }

    public IReadOnlyList<SiloAddress> Silos { get; }

    public bool IsEmpty => _points.Length == 0;

    public static ConsistentRing Build(IEnumerable<SiloAddress> silos)
    {
        var list = silos.Distinct().OrderBy(s => s).ToList();
        var entries = new List<(uint Point, SiloAddress Silo)>(list.Count * PointsPerSilo);
        foreach (var silo in list)
        {
            for (var i = 0u; i < PointsPerSilo; i++)
            {
                entries.Add((StableHash.Combine(silo.ConsistentHash, i * 0x9E3779B9u), silo));
            }
        }

        entries.Sort((a, b) => a.Point != b.Point ? a.Point.CompareTo(b.Point) : a.Silo.CompareTo(b.Silo));
        return new ConsistentRing([.. entries.Select(e => e.Point)], [.. entries.Select(e => e.Silo)], list);
    }

    public SiloAddress? GetOwner(uint hash)
    {
        if (_points.Length == 0)
        {
            return null;
        }

        var index = Array.BinarySearch(_points, hash);
        if (index < 0)
        {
            index = ~index;
        }

        return _owners[index == _points.Length ? 0 : index];
    }
}
