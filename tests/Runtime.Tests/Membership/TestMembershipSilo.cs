using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Membership;
using FlashSale.Runtime.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Tests.Membership;

/// <summary>One silo's membership components (manager, agent, health monitor) over a shared table, a fake network and a manual clock.</summary>
internal sealed class TestMembershipSilo : IDisposable
{
    private static int s_nextPort = 41000;

    public TestMembershipSilo(IMembershipTable table, FakeSiloNetwork network, ManualTimeProvider time, ClusterMembershipOptions options, int? port = null)
    {
        var siloOptions = new SiloOptions { SiloPort = port ?? Interlocked.Add(ref s_nextPort, 2), SiloName = $"silo-{port}", Datacenter = "dc1" };
        siloOptions.GatewayPort = siloOptions.SiloPort + 1;
        Details = new LocalSiloDetails(Options.Create(siloOptions), time);
        Lifetime = new FakeSiloLifetime();
        Endpoint = network.For(Details.SiloAddress);
        var membershipOptions = Options.Create(options);
        Manager = new MembershipTableManager(table, Details, Lifetime, Endpoint, membershipOptions, time, NullLogger<MembershipTableManager>.Instance);
        Agent = new MembershipAgent(Manager, Endpoint, Details, Options.Create(siloOptions), membershipOptions, time, NullLogger<MembershipAgent>.Instance);
        Monitor = new ClusterHealthMonitor(Manager, Endpoint, membershipOptions, time, NullLogger<ClusterHealthMonitor>.Instance);
        network.Register(Details.SiloAddress, Manager);
        Manager.SnapshotUpdated += s => Published.Enqueue(s.Version);
    }

    public LocalSiloDetails Details { get; }

    public SiloAddress Address => Details.SiloAddress;

    public FakeSiloLifetime Lifetime { get; }

    public FakeSiloNetwork.Endpoint Endpoint { get; }

    public MembershipTableManager Manager { get; }

    public MembershipAgent Agent { get; }

    public ClusterHealthMonitor Monitor { get; }

    /// <summary>The versions of the snapshots published, in the order the event was raised.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<long> Published { get; } = new();

    /// <summary>
    /// Joins and starts probing. Runs without a synchronization context, like a silo host, and synchronously up to
    /// the first wait on the clock or the table, so a test may advance the clock as soon as this returns.
    /// </summary>
    public Task JoinAsync(CancellationToken cancellationToken = default) => MembershipTestKit.WithoutContext(async () =>
    {
        await Agent.JoinAsync(cancellationToken);
        Monitor.Start();
    });

    /// <summary>Crashes the silo: its components stop without a goodbye.</summary>
    public void Crash()
    {
        Monitor.Stop();
        Agent.Stop();
        Manager.Stop();
    }

    public void Dispose() => Crash();
}
