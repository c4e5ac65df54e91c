using FlashSale.Runtime.Testing;

namespace FlashSale.Runtime.Tests.Infrastructure;

/// <summary>Three silos over loopback TCP, two in dc1 and one in dc2, shared by the tests of a class.</summary>
public sealed class ThreeSiloFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = new TestClusterBuilder(3)
            .AddSiloBuilderConfigurator<DefaultSiloConfigurator>()
            .WithDatacenters("dc1", "dc2", "dc1")
            .Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
