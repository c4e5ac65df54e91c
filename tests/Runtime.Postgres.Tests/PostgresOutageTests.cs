using System.Diagnostics;
using FlashSale.Runtime.Membership;
using FlashSale.Runtime.Postgres.Tests.Infrastructure;
using FlashSale.Runtime.Serialization;
using FlashSale.Runtime.Testing;
using FlashSale.Runtime.Tests.Grains;
using FlashSale.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace FlashSale.Runtime.Postgres.Tests;

/// <summary>PostgreSQL stopped under a running cluster, then started again: clear errors during, full recovery after, nothing acknowledged lost.</summary>
[Trait("Category", "Postgres")]
[Collection(ClusterCollection.Name)]
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    // Retries (3, from 100 ms, capped at 1 s) take well under this; once the breaker is open a call is refused at once.
    private static readonly TimeSpan ClearErrorBound = TimeSpan.FromSeconds(5);

    // Long enough for several table refreshes (2 s), IAmAlive periods (5 s) and probe rounds (1 s) to fail.
    private static readonly TimeSpan OutageLength = TimeSpan.FromSeconds(8);

    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DatabaseStoppedMidTest_ClearErrorsQuickly_NobodyDeclaredDead_FullRecovery_NothingAcknowledgedLost()
    {
        await using var server = await PrivatePostgresServer.StartAsync();
        var fixture = new PostgresSchemaFixture(server.ConnectionString);
        try
        {
            await using var cluster = await PostgresCluster.StartAsync(fixture, 3);
            var grains = Enumerable.Range(0, 12).Select(_ => cluster.Client.GetGrain<IStatefulGrain>(Guid.NewGuid().ToString("N"))).ToList();
            var acknowledged = grains.ToDictionary(g => g, _ => new List<int>());
            foreach (var grain in grains)
            {
                acknowledged[grain].Add(await grain.Increment(write: true));
                acknowledged[grain].Add(await grain.Increment(write: true));
            }

            await server.StopAsync();

            var (failures, slowest) = await DuringOutageAsync(cluster, grains);

            output.WriteLine($"outage: {failures} calls failed with a clear error, the slowest in {slowest.TotalMilliseconds:N0} ms");
            Assert.True(failures >= grains.Count, $"only {failures} calls were made during the outage");
            Assert.True(slowest < ClearErrorBound, $"the slowest failing call took {slowest}");
            AssertNobodyDeclaredDead(cluster);

            await server.RestartAsync();
            var recovery = Stopwatch.StartNew();

            foreach (var grain in grains)
            {
                acknowledged[grain].Add(await Retry.UntilSuccessAsync(() => RetryUnavailable(() => grain.Increment(write: true)), "a write after the database returned", RecoveryBound));
            }

            output.WriteLine($"recovered: every grain wrote again {recovery.Elapsed.TotalMilliseconds:N0} ms after the restart");
            await Wait.UntilAsync(async () => await ActiveRowsAsync(fixture, cluster) == 3, "the membership table to answer again with every silo Active", RecoveryBound);
            AssertNobodyDeclaredDead(cluster);

            var storage = PostgresClusterTestKit.Storage(fixture, cluster.Options.ServiceId);
            foreach (var grain in grains)
            {
                var stored = new GrainState<CounterState>(new CounterState());
                await storage.ReadStateAsync("counter", grain.GetGrainId(), stored);
                Assert.Equal(acknowledged[grain][^1], stored.State.Value);
                Assert.All(acknowledged[grain], v => Assert.Contains($"+{v}", stored.State.History));
            }

            await cluster.StopAllSilosAsync();
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    private static async Task<(int Failures, TimeSpan Slowest)> DuringOutageAsync(TestCluster cluster, List<IStatefulGrain> grains)
    {
        var outage = Stopwatch.StartNew();
        var failures = 0;
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 10_000 && outage.Elapsed < OutageLength; i++)
        {
            var grain = grains[i % grains.Count];
            var call = Stopwatch.StartNew();
            var error = await Record.ExceptionAsync(() => grain.Increment(write: true));
            call.Stop();

            Assert.NotNull(error);
            Assert.True(IsUnavailable(error), $"expected a clear 'PostgreSQL is unavailable' error, got {error.GetType().Name}: {error.Message}");
            failures++;
            slowest = call.Elapsed > slowest ? call.Elapsed : slowest;
            Assert.All(cluster.Silos, s => Assert.True(s.IsActive, $"{s.Name} stopped during the outage ({s.Status})"));
        }

        return (failures, slowest);
    }

    private static bool IsUnavailable(Exception error) =>
        error.Message.Contains("PostgreSQL is unavailable", StringComparison.Ordinal)
        && (error is StorageUnavailableException || (error is RemoteException remote && remote.OriginalTypeName.Contains(nameof(StorageUnavailableException), StringComparison.Ordinal)));

    private static async Task<T> RetryUnavailable<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            // Retry.UntilSuccessAsync retries timeouts: the database has not answered yet.
            throw new TimeoutException(e.Message, e);
        }
    }

    private static void AssertNobodyDeclaredDead(TestCluster cluster)
    {
        Assert.Equal(3, cluster.Silos.Count);
        foreach (var silo in cluster.Silos)
        {
            Assert.True(silo.IsActive, $"{silo.Name} is {silo.Status}");
            var view = silo.ServiceProvider.GetRequiredService<IClusterMembershipService>().CurrentSnapshot;
            Assert.All(cluster.Silos, s => Assert.Equal(SiloStatus.Active, view.GetStatus(s.SiloAddress)));
        }
    }

    private static async Task<int> ActiveRowsAsync(PostgresSchemaFixture fixture, TestCluster cluster)
    {
        try
        {
            var rows = (await PostgresClusterTestKit.Table(fixture, cluster.Options.ClusterId).ReadAllAsync()).Rows;
            return rows.Count(r => r.Entry.Status == SiloStatus.Active);
        }
        catch (StorageUnavailableException)
        {
            return -1;
        }
    }
}
