using System.Collections.Concurrent;

namespace FlashSale.Runtime.Directory;

/// <summary>
/// The directory entries this silo owns. Registration is first-wins: a new registration for a grain that
/// already has a live entry returns the existing entry (the caller's activation is then a duplicate and must
/// give way); an entry whose silo is no longer alive is replaced.
/// </summary>
internal sealed class GrainDirectoryPartition
{
    private readonly ConcurrentDictionary<GrainId, GrainAddress> _entries = new();
    private readonly Lock _lock = new();

    public int Count => _entries.Count;

    public GrainAddress Register(GrainAddress address, Func<SiloAddress, bool> isAlive)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(address.GrainId, out var existing) && isAlive(existing.SiloAddress))
            {
                return existing;
            }

            _entries[address.GrainId] = address;
            return address;
        }
    }

    public GrainAddress? Lookup(GrainId grainId) => _entries.TryGetValue(grainId, out var address) ? address : null;

    public void Unregister(GrainAddress address)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(address.GrainId, out var existing) && existing.Matches(address))
            {
                _entries.TryRemove(address.GrainId, out _);
            }
        }
    }

    /// <summary>Drops every entry on a silo that is gone; returns how many.</summary>
    public int RemoveSilo(SiloAddress silo)
    {
        var removed = 0;
        lock (_lock)
        {
            foreach (var (grain, address) in _entries)
            {
                if (address.SiloAddress.Equals(silo) && _entries.TryRemove(grain, out _))
                {
                    removed++;
                }
            }
        }

        return removed;
    }

    /// <summary>Removes and returns the entries for which <paramref name="handOff"/> is true.</summary>
    public List<GrainAddress> RemoveWhere(Func<GrainAddress, bool> handOff)
    {
        var moved = new List<GrainAddress>();
        lock (_lock)
        {
            foreach (var (grain, address) in _entries)
            {
                if (handOff(address) && _entries.TryRemove(grain, out _))
                {
                    moved.Add(address);
                }
            }
        }

        return moved;
    }
}
