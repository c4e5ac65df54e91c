using System.Collections.Concurrent;
using FlashSale.Runtime.Membership;

namespace FlashSale.Runtime.Tests.Membership;

/// <summary>
/// An in-process stand-in for the transport between test silos: each silo is up, down (probes fail at once)
/// or hung (probes never answer, so they end at their timeout); single directions can be cut. Gossip reaches a
/// silo's manager directly when the link works.
/// </summary>
internal sealed class FakeSiloNetwork(TimeProvider time)
{
    private readonly ConcurrentDictionary<SiloAddress, MembershipTableManager> _managers = new();
    private readonly ConcurrentDictionary<SiloAddress, SiloState> _states = new();
    private readonly ConcurrentDictionary<(SiloAddress From, SiloAddress To), bool> _cut = new();
    private int _directProbes;
    private int _indirectProbes;

    public enum SiloState
    {
        Up,
        Down,
        Hung,
    }

    public TimeProvider Time => time;

    public int DirectProbes => Volatile.Read(ref _directProbes);

    public int IndirectProbes => Volatile.Read(ref _indirectProbes);

    public void Register(SiloAddress silo, MembershipTableManager manager) => _managers[silo] = manager;

    public void Set(SiloAddress silo, SiloState state) => _states[silo] = state;

    public void Cut(SiloAddress from, SiloAddress to) => _cut[(from, to)] = true;

    public void Heal(SiloAddress from, SiloAddress to) => _cut.TryRemove((from, to), out _);

    public Endpoint For(SiloAddress silo) => new(this, silo);

    private bool Works(SiloAddress from, SiloAddress to) => !_cut.ContainsKey((from, to)) && _states.GetValueOrDefault(to) == SiloState.Up;

    private async Task<bool> ReachAsync(SiloAddress from, SiloAddress to, CancellationToken ct)
    {
        if (Works(from, to))
        {
            return true;
        }

        if (_states.GetValueOrDefault(to) == SiloState.Hung && !_cut.ContainsKey((from, to)))
        {
            try
            {
                await time.DelayAsync(Timeout.InfiniteTimeSpan, ct);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return false;
    }

    /// <summary>One silo's side of the network.</summary>
    internal sealed class Endpoint(FakeSiloNetwork network, SiloAddress self) : ISiloProber, IMembershipGossiper
    {
        public Task<bool> ProbeAsync(SiloAddress target, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref network._directProbes);
            return network.ReachAsync(self, target, cancellationToken);
        }

        public async Task<ProbeResult> ProbeIndirectlyAsync(SiloAddress intermediary, SiloAddress target, TimeSpan probeTimeout, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref network._indirectProbes);
            if (!await network.ReachAsync(self, intermediary, cancellationToken))
            {
                return ProbeResult.Unknown;
            }

            using var timeout = new CancellationTokenSource(probeTimeout, network.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            var reached = await network.ReachAsync(intermediary, target, linked.Token);
            return cancellationToken.IsCancellationRequested ? ProbeResult.Unknown : reached ? ProbeResult.Succeeded : ProbeResult.Failed;
        }

        public void Notify(SiloAddress target, long version)
        {
            if (network.Works(self, target) && network._managers.TryGetValue(target, out var manager))
            {
                manager.OnGossip(version);
            }
        }
    }
}
