using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Hosting;

namespace FlashSale.Runtime.Testing;

/// <summary>Options of a <see cref="TestCluster"/>.</summary>
public sealed class TestClusterOptions
{
    /// <summary>How many silos <see cref="TestCluster.DeployAsync"/> starts.</summary>
    public short InitialSilosCount { get; set; } = 2;

    /// <summary>The cluster id; unique per cluster by default.</summary>
    public string ClusterId { get; set; } = $"test-{Guid.NewGuid():N}"[..13];

    /// <summary>The service id.</summary>
    public string ServiceId { get; set; } = "flashsale-test";

    /// <summary>The datacenter of each new silo, by its index; every silo is in "dc1" by default.</summary>
    public Func<int, string> DatacenterOf { get; set; } = _ => "dc1";

    /// <summary>The clock of every silo and of the client; tests that drive time set a <see cref="ManualTimeProvider"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Membership timings of every silo. The default detects a dead silo in a few seconds (1 s probes, 3 misses,
    /// 2 s table refresh) instead of Orleans' production defaults, so that failure tests stay short.
    /// </summary>
    public Action<ClusterMembershipOptions> ConfigureMembership { get; set; } = o =>
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 3;
        o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        o.DeathVoteExpirationTimeout = TimeSpan.FromMinutes(1);
    };

    /// <summary>Extra configuration applied to every silo after the configurators (for objects the test shares with the silos).</summary>
    public List<Action<Hosting.ISiloBuilder>> SiloConfigurations { get; } = [];

    /// <summary>
    /// Registers each silo's clustering (its membership table and the membership protocol) in place of the shared
    /// in-memory table; null (the default) uses <c>UseInMemoryClustering()</c>. For example
    /// <c>silo => silo.UsePostgresClustering(o => ...)</c>.
    /// </summary>
    public Action<ISiloBuilder>? ConfigureClustering { get; set; }

    /// <summary>The call timeout of the client and the silos.</summary>
    public TimeSpan ResponseTimeout { get; set; } = MessagingOptions.DefaultResponseTimeout;
}
