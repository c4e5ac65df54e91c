using FlashSale.Runtime.Postgres.Hosting;
using FlashSale.Runtime.Testing;

namespace FlashSale.Runtime.Postgres.Tests.Infrastructure;

/// <summary>TestClusters whose silos keep membership, grain state and reminders in the fixture's PostgreSQL schema.</summary>
public static class PostgresCluster
{
    /// <summary>Builds (not deploys) a cluster of <paramref name="silos"/> on PostgreSQL.</summary>
    public static TestCluster Build(PostgresSchemaFixture fixture, short silos, Action<PostgresOptions>? configure = null)
    {
        void Configure(PostgresOptions o)
        {
            fixture.Configure(o);
            configure?.Invoke(o);
        }

        var builder = new TestClusterBuilder(silos);
        builder.Options.ConfigureClustering = silo => silo.UsePostgresClustering(Configure);
        builder.Options.SiloConfigurations.Add(silo => silo
            .AddPostgresGrainStorageAsDefault(Configure)
            .UsePostgresReminderService(Configure, r => r.RefreshReminderListPeriod = TimeSpan.FromSeconds(2)));
        return builder.Build();
    }

    /// <summary>Builds and deploys a cluster of <paramref name="silos"/> on PostgreSQL.</summary>
    public static async Task<TestCluster> StartAsync(PostgresSchemaFixture fixture, short silos, Action<PostgresOptions>? configure = null)
    {
        var cluster = Build(fixture, silos, configure);
        try
        {
            await cluster.DeployAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }
}
