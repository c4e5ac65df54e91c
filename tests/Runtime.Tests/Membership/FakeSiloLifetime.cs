using System.Collections.Concurrent;
using FlashSale.Runtime.Hosting;

namespace FlashSale.Runtime.Tests.Membership;

/// <summary>Records <see cref="ISiloLifetime.KillSelf"/> calls instead of stopping a silo.</summary>
internal sealed class FakeSiloLifetime : ISiloLifetime
{
    private readonly ConcurrentQueue<string> _kills = new();

    public SiloStatus Status => _kills.IsEmpty ? SiloStatus.Active : SiloStatus.Dead;

    public IReadOnlyCollection<string> Kills => _kills;

    public bool Killed => !_kills.IsEmpty;

    public void KillSelf(string reason) => _kills.Enqueue(reason);
}
