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

    /// <summary>The clock of every silo; tests that drive time set a <see cref="ManualTimeProvider"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
