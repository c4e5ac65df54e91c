using System.Net;
using FlashSale.Runtime.Membership;
using FlashSale.Runtime.Postgres.Membership;
using FlashSale.Runtime.Postgres.Tests.Infrastructure;
using FlashSale.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Runtime.Postgres.Tests;

/// <summary>The membership protocol's races on the PostgreSQL table: simultaneous joins, conflicting votes, a silo declared dead.</summary>
[Trait("Category", "Postgres")]
[Collection(ClusterCollection.Name)]
public sealed class PostgresMembershipTests(PostgresSchemaFixture fixture) : IClassFixture<PostgresSchemaFixture>
{
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static int s_nextPort = 45000;

    private static MembershipEntry Entry(SiloStatus status) => new()
    {
        SiloAddress = new SiloAddress(new IPEndPoint(IPAddress.Loopback, Interlocked.Increment(ref s_nextPort)), 1),
        Status = status,
        SiloName = "silo",
        HostName = "host",
        StartTime = Start,
        IAmAliveTime = Start,
    };

    private PostgresMembershipTable NewTable() => PostgresClusterTestKit.Table(fixture, $"cluster-{Guid.NewGuid():N}");

    // The agent's join loop: read, insert at the next version, read again on conflict.
    private static async Task<int> JoinAsync(PostgresMembershipTable table, MembershipEntry entry, Barrier start)
    {
        var attempts = 0;
        for (var i = 0; i < 20; i++)
        {
            var read = await table.ReadAllAsync();
            if (attempts == 0)
            {
                start.SignalAndWait(TimeSpan.FromSeconds(10));
            }

            attempts++;
            if (await table.InsertRowAsync(entry, read.Version.Next()))
            {
                return attempts;
            }
        }

        throw new TimeoutException("The join did not succeed in 20 attempts.");
    }

    // The manager's vote loop: read, add the vote to the target's row at the next version, read again on conflict.
    private static async Task<int> VoteAsync(PostgresMembershipTable table, SiloAddress voter, SiloAddress target, Barrier start)
    {
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            var read = await table.ReadAllAsync();
            var row = read.Find(target)!;
            if (attempt == 1)
            {
                start.SignalAndWait(TimeSpan.FromSeconds(10));
            }

            var votes = row.Entry.SuspectTimes.Where(v => !v.Voter.Equals(voter)).Append(new SuspectVote(voter, Start)).ToList();
            if (await table.UpdateRowAsync(row.Entry with { SuspectTimes = votes }, row.ETag, read.Version.Next()))
            {
                return attempt;
            }
        }

        throw new TimeoutException("The vote did not land in 20 attempts.");
    }

    [Fact]
    public async Task TwoSilosJoiningAtOnce_FromTheSameRead_OneRetries_BothRowsLand()
    {
        var table = NewTable();
        await table.InitializeAsync();
        var (a, b) = (Entry(SiloStatus.Joining), Entry(SiloStatus.Joining));
        using var start = new Barrier(2);

        var attempts = await Task.WhenAll(Task.Run(() => JoinAsync(table, a, start)), Task.Run(() => JoinAsync(table, b, start)));

        Assert.Equal([1, 2], attempts.Order());
        var data = await table.ReadAllAsync();
        Assert.Equal(2, data.Rows.Count);
        Assert.Equal(2, data.Version.Version);
    }

    [Fact]
    public async Task ConflictingVotes_FromTheSameRead_OneWins_TheOtherRereadsAndBothVotesLand()
    {
        var table = NewTable();
        await table.InitializeAsync();
        var (a, b, c) = (Entry(SiloStatus.Active), Entry(SiloStatus.Active), Entry(SiloStatus.Active));
        foreach (var entry in new[] { a, b, c })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        }

        using var start = new Barrier(2);

        var attempts = await Task.WhenAll(
            Task.Run(() => VoteAsync(table, a.SiloAddress, c.SiloAddress, start)),
            Task.Run(() => VoteAsync(table, b.SiloAddress, c.SiloAddress, start)));

        Assert.Equal([1, 2], attempts.Order());
        var votes = (await table.ReadAllAsync()).Find(c.SiloAddress)!.Entry.SuspectTimes;
        Assert.Equal([a.SiloAddress, b.SiloAddress], votes.Select(v => v.Voter).Order());
    }

    [Fact]
    public async Task Cluster_TwoSilosJoiningAtOnce_BothBecomeActive()
    {
        await using var cluster = await PostgresCluster.StartAsync(fixture, 1);

        await Task.WhenAll(cluster.StartAdditionalSiloAsync(), cluster.StartAdditionalSiloAsync());
        await cluster.WaitForLivenessToStabilizeAsync(TimeSpan.FromSeconds(30));

        var data = await PostgresClusterTestKit.Table(fixture, cluster.Options.ClusterId).ReadAllAsync();
        Assert.Equal(3, data.Rows.Count(r => r.Entry.Status == SiloStatus.Active));
        Assert.All(cluster.Silos, s => Assert.True(s.IsActive));
        foreach (var silo in cluster.Silos)
        {
            var view = silo.ServiceProvider.GetRequiredService<IClusterMembershipService>().CurrentSnapshot;
            Assert.Equal(3, view.ActiveMembers.Count);
        }
    }

    [Fact]
    public async Task Cluster_SiloDeclaredDeadInTheTable_StopsItself_AndTheOthersSeeItDead()
    {
        await using var cluster = await PostgresCluster.StartAsync(fixture, 3);
        var victim = cluster.Silos[2];
        var table = PostgresClusterTestKit.Table(fixture, cluster.Options.ClusterId);

        // An operator (or another silo's votes) writes Dead into the victim's row.
        var written = false;
        for (var attempt = 0; attempt < 20 && !written; attempt++)
        {
            var read = await table.ReadAllAsync();
            var row = read.Find(victim.SiloAddress)!;
            written = await table.UpdateRowAsync(row.Entry with { Status = SiloStatus.Dead }, row.ETag, read.Version.Next());
        }

        Assert.True(written);
        await Wait.UntilAsync(() => victim.Status == SiloStatus.Dead, "the victim to learn it is dead and stop", TimeSpan.FromSeconds(20));
        await cluster.WaitForLivenessToStabilizeAsync(TimeSpan.FromSeconds(30));
        foreach (var silo in cluster.ActiveSilos)
        {
            var view = silo.ServiceProvider.GetRequiredService<IClusterMembershipService>().CurrentSnapshot;
            Assert.Equal(SiloStatus.Dead, view.GetStatus(victim.SiloAddress));
        }

        Assert.Equal(2, cluster.ActiveSilos.Count);
    }
}
