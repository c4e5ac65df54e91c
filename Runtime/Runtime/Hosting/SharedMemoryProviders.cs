using System.Collections.Concurrent;
using FlashSale.Runtime.Membership;
using FlashSale.Runtime.Reminders;
using FlashSale.Runtime.Storage;

namespace FlashSale.Runtime.Hosting;

/// <summary>
/// The data behind the in-memory providers, for silos that run in one process (a TestCluster, the demo).
/// Registered once per process and shared, it makes memory storage and the memory reminder table behave like
/// a database that outlives any one silo. Without it, each silo's memory providers are private to it.
/// </summary>
public sealed class SharedMemoryProviders
{
    private readonly ConcurrentDictionary<string, MemoryGrainStorageStore> _stores = new(StringComparer.Ordinal);

    /// <summary>The shared membership table (in-memory clustering).</summary>
    public InMemoryMembershipTable MembershipTable { get; } = new();

    /// <summary>The shared reminder table.</summary>
    public InMemoryReminderTable ReminderTable { get; } = new();

    /// <summary>The shared store of the grain storage named <paramref name="name"/>.</summary>
    public MemoryGrainStorageStore GetStore(string name) => _stores.GetOrAdd(name, _ => new MemoryGrainStorageStore());
}
