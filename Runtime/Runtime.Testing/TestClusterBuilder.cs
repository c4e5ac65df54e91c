namespace FlashSale.Runtime.Testing;

/// <summary>Builds a <see cref="TestCluster"/>: in-process silos, each with its own service container.</summary>
public sealed class TestClusterBuilder
{
    private readonly List<Func<ISiloConfigurator>> _configurators = [];

    /// <summary>Creates a builder for a cluster of <paramref name="initialSilosCount"/> silos.</summary>
    public TestClusterBuilder(short initialSilosCount = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialSilosCount);
        Options.InitialSilosCount = initialSilosCount;
    }

    /// <summary>The cluster's options.</summary>
    public TestClusterOptions Options { get; } = new();

    /// <summary>Adds a configurator applied to every silo.</summary>
    public TestClusterBuilder AddSiloBuilderConfigurator<TConfigurator>()
        where TConfigurator : ISiloConfigurator, new()
    {
        _configurators.Add(static () => new TConfigurator());
        return this;
    }

    /// <summary>Applies <paramref name="configure"/> to every silo, after the configurators (it may capture objects the test shares with the silos).</summary>
    public TestClusterBuilder ConfigureSilos(Action<Hosting.ISiloBuilder> configure)
    {
        Options.SiloConfigurations.Add(configure);
        return this;
    }

    /// <summary>Gives silo i the datacenter labels[i % labels.Length].</summary>
    public TestClusterBuilder WithDatacenters(params string[] labels)
    {
        ArgumentOutOfRangeException.ThrowIfZero(labels.Length);
        Options.DatacenterOf = i => labels[i % labels.Length];
        return this;
    }

    /// <summary>Uses <paramref name="timeProvider"/> as every silo's clock.</summary>
    public TestClusterBuilder WithTimeProvider(TimeProvider timeProvider)
    {
        Options.TimeProvider = timeProvider;
        return this;
    }

    /// <summary>Builds the cluster; call <see cref="TestCluster.DeployAsync"/> to start it.</summary>
    public TestCluster Build() => new(Options, [.. _configurators.Select(c => c())]);
}
