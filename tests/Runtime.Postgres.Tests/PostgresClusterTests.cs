using System.Diagnostics;
using FlashSale.Runtime.Hosting;
using FlashSale.Runtime.Postgres.Hosting;
using FlashSale.Runtime.Postgres.Tests.Infrastructure;
using FlashSale.Runtime.Tests.Grains;
using FlashSale.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FlashSale.Runtime.Postgres.Tests;

/// <summary>Clusters whose membership, grain state and reminders are all in PostgreSQL, losing a silo.</summary>
[Trait("Category", "Postgres")]
[Collection(ClusterCollection.Name)]
public sealed class PostgresClusterTests(PostgresSchemaFixture fixture) : IClassFixture<PostgresSchemaFixture>
{
    // 1 s probes, 3 missed probes, 2 votes, 2 s table refresh (TestClusterOptions), 2 s reminder refresh.
    private static readonly TimeSpan DetectionBound = TimeSpan.FromSeconds(30);

    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task ThreeSilos_KilledSilo_IsDeclaredDeadInTable_AndItsGrainsComeBackWithPersistedState()
    {
        await using var cluster = await PostgresCluster.StartAsync(fixture, 3);
        var victim = cluster.Silos[1];
        var keys = Enumerable.Range(0, 30).Select(_ => NewKey()).ToList();
        var places = await Task.WhenAll(keys.Select(k => cluster.Client.GetGrain<IPlacedGrain>(k).WhereAmI()));
        var onVictim = keys.Where((_, i) => places[i] == victim.SiloAddress.ToString()).ToList();
        var elsewhere = keys.Except(onVictim).ToList();
        Assert.NotEmpty(onVictim);
        foreach (var key in keys)
        {
            var grain = cluster.Client.GetGrain<IPlacedGrain>(key);
            await grain.Increment();
            await grain.Increment();
            await grain.Save();
        }

        var watch = Stopwatch.StartNew();
        await cluster.KillSiloAsync(victim);

        foreach (var key in onVictim)
        {
            var grain = cluster.Client.GetGrain<IPlacedGrain>(key);
            var value = await Retry.UntilSuccessAsync(grain.Increment, $"grain {key} to come back", DetectionBound);
            Assert.Equal(3, value);
            Assert.NotEqual(victim.SiloAddress.ToString(), await grain.WhereAmI());
        }

        foreach (var key in elsewhere)
        {
            Assert.Equal(3, await cluster.Client.GetGrain<IPlacedGrain>(key).Increment());
        }

        await cluster.WaitForLivenessToStabilizeAsync(DetectionBound);
        var table = PostgresClusterTestKit.Table(fixture, cluster.Options.ClusterId);
        var rows = (await table.ReadAllAsync()).Rows;
        Assert.Equal(SiloStatus.Dead, rows.Single(r => r.Entry.SiloAddress.Equals(victim.SiloAddress)).Entry.Status);
        Assert.Equal(2, rows.Count(r => r.Entry.Status == SiloStatus.Active));
        Assert.True(watch.Elapsed < DetectionBound, $"recovery took {watch.Elapsed}");
    }

    [Fact]
    public async Task Reminders_KeepFiringAfterTheirSiloIsKilled()
    {
        await using var cluster = await PostgresCluster.StartAsync(fixture, 3);
        var period = TimeSpan.FromSeconds(1);

        // Enough grains that every silo owns some of their hashes on the ring, the victim included.
        var keys = Enumerable.Range(0, 24).Select(_ => NewKey()).ToList();
        foreach (var key in keys)
        {
            await cluster.Client.GetGrain<IReminderTestGrain>(key).Register("r", TimeSpan.Zero, period);
        }

        await Wait.UntilAsync(() => keys.All(k => GrainEvents.Count(k, "tick:r") >= 1), "every reminder to tick once", DetectionBound);

        // Each reminder runs on exactly one silo, and the victim runs some of them.
        await Wait.UntilAsync(() => cluster.ActiveSilos.Sum(ReminderOwnership.LocalReminderCount) == keys.Count, "each reminder to have exactly one owner", DetectionBound);
        var victim = cluster.ActiveSilos.MaxBy(ReminderOwnership.LocalReminderCount)!;
        Assert.True(ReminderOwnership.LocalReminderCount(victim) > 0);
        await cluster.KillSiloAsync(victim);
        var atKill = keys.ToDictionary(k => k, k => GrainEvents.Count(k, "tick:r"));

        // Each reminder ticks at least twice more: the ones the victim ran move to a survivor after failure
        // detection and a table re-read (ReminderService re-reads on every membership change).
        await Wait.UntilAsync(
            () => keys.All(k => GrainEvents.Count(k, "tick:r") >= atKill[k] + 2),
            $"every reminder to keep ticking after {victim.Name} was killed (still silent: {string.Join(", ", keys.Where(k => GrainEvents.Count(k, "tick:r") < atKill[k] + 2))})",
            DetectionBound);

        await Wait.UntilAsync(() => cluster.ActiveSilos.Sum(ReminderOwnership.LocalReminderCount) == keys.Count, "the survivors to own every reminder", DetectionBound);
        var table = PostgresClusterTestKit.Reminders(fixture, cluster.Options.ServiceId);
        foreach (var key in keys)
        {
            Assert.True(await cluster.Client.GetGrain<IReminderTestGrain>(key).HasReminder("r"));
        }

        Assert.True((await table.ReadRangeAsync(0, 0)).Count >= keys.Count);
        foreach (var key in keys)
        {
            await cluster.Client.GetGrain<IReminderTestGrain>(key).Unregister("r");
        }
    }

    [Fact]
    public async Task Client_ReadsItsGatewayListFromTheMembershipTable()
    {
        await using var cluster = await PostgresCluster.StartAsync(fixture, 2);
        using var clientHost = new HostBuilder()
            .UseClusterClient(o => o.ClusterId = cluster.Options.ClusterId)
            .ConfigureServices(services => services.AddPostgresMembershipTable(fixture.Configure))
            .Build();
        await clientHost.StartAsync();
        try
        {
            var client = clientHost.Services.GetRequiredService<IClusterClient>();
            var key = NewKey();

            var place = await client.GetGrain<IPlacedGrain>(key).WhereAmI();

            Assert.Contains(place, cluster.ActiveSilos.Select(s => s.SiloAddress.ToString()));
        }
        finally
        {
            await clientHost.StopAsync();
        }
    }
}
