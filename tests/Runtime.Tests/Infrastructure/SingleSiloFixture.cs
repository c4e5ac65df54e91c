using FlashSale.Runtime.Testing;

namespace FlashSale.Runtime.Tests.Infrastructure;

/// <summary>One silo with memory storage and reminders, shared by the tests of a class (each test uses its own grain keys).</summary>
public sealed class SingleSiloFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        Cluster = new TestClusterBuilder(1).AddSiloBuilderConfigurator<DefaultSiloConfigurator>().Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
