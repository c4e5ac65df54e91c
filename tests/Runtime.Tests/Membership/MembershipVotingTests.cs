using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Membership;
using FlashSale.Runtime.Testing;
using FlashSale.Runtime.Tests.Infrastructure;

namespace FlashSale.Runtime.Tests.Membership;

/// <summary>The vote / death rule of <see cref="MembershipTableManager.TryToSuspectOrKillAsync"/>, driven directly.</summary>
[Trait("Category", "Unit")]
public sealed class MembershipVotingTests : IDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryMembershipTable _inner = new();
    private readonly FlakyMembershipTable _table;
    private readonly FakeSiloNetwork _network;
    private readonly List<TestMembershipSilo> _silos = [];

    public MembershipVotingTests()
    {
        _table = new FlakyMembershipTable(_inner);
        _network = new FakeSiloNetwork(_time);
    }

    public void Dispose()
    {
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }
    }

    private async Task<IReadOnlyList<TestMembershipSilo>> JoinAsync(int count, ClusterMembershipOptions? options = null)
    {
        for (var i = 0; i < count; i++)
        {
            var silo = new TestMembershipSilo(_table, _network, _time, options ?? MembershipTestKit.Options());
            _silos.Add(silo);
            await MembershipTestKit.WithoutContext(() => silo.Agent.JoinAsync(CancellationToken.None));
        }

        return _silos;
    }

    [Fact]
    public async Task TryToSuspectOrKill_SingleVoterInThreeSiloCluster_RecordsVoteButTargetStaysActive()
    {
        var (a, _, c) = Three(await JoinAsync(3));

        var dead = await a.Manager.TryToSuspectOrKillAsync(c.Address);

        Assert.False(dead);
        var entry = (await _table.ReadEntryAsync(c.Address))!;
        Assert.Equal(SiloStatus.Active, entry.Status);
        Assert.Equal(a.Address, Assert.Single(entry.SuspectTimes).Voter);
    }

    [Fact]
    public async Task TryToSuspectOrKill_SecondVoter_DeclaresDead()
    {
        var (a, b, c) = Three(await JoinAsync(3));
        await a.Manager.TryToSuspectOrKillAsync(c.Address);

        var dead = await b.Manager.TryToSuspectOrKillAsync(c.Address);

        Assert.True(dead);
        var entry = (await _table.ReadEntryAsync(c.Address))!;
        Assert.Equal(SiloStatus.Dead, entry.Status);
        Assert.Equal([a.Address, b.Address], entry.SuspectTimes.Select(v => v.Voter).Order());
        Assert.Equal(SiloStatus.Dead, b.Manager.CurrentSnapshot.GetStatus(c.Address));
    }

    [Fact]
    public async Task TryToSuspectOrKill_SameVoterTwice_CountsOnce()
    {
        var (a, _, c) = Three(await JoinAsync(3));

        await a.Manager.TryToSuspectOrKillAsync(c.Address);
        await _time.AdvanceAsync(TimeSpan.FromSeconds(1));
        var dead = await a.Manager.TryToSuspectOrKillAsync(c.Address);

        Assert.False(dead);
        var vote = Assert.Single((await _table.ReadEntryAsync(c.Address))!.SuspectTimes);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, vote.At);
    }

    [Fact]
    public async Task TryToSuspectOrKill_IndirectProbeFailure_IntermediaryVoteCompletesDeclaration()
    {
        var (a, b, c) = Three(await JoinAsync(3));

        var dead = await a.Manager.TryToSuspectOrKillAsync(c.Address, intermediary: b.Address);

        Assert.True(dead);
        Assert.Equal([a.Address, b.Address], (await _table.ReadEntryAsync(c.Address))!.SuspectTimes.Select(v => v.Voter).Order());
    }

    [Fact]
    public async Task TryToSuspectOrKill_TwoSiloCluster_OneVoteSuffices()
    {
        var silos = await JoinAsync(2);

        Assert.True(await silos[0].Manager.TryToSuspectOrKillAsync(silos[1].Address));

        Assert.Equal(SiloStatus.Dead, await _table.StatusAsync(silos[1].Address));
    }

    [Fact]
    public async Task TryToSuspectOrKill_VoteOlderThanExpiration_DoesNotCount()
    {
        var (a, b, c) = Three(await JoinAsync(3));
        await a.Manager.TryToSuspectOrKillAsync(c.Address);

        await _time.AdvanceAsync(MembershipTestKit.Options().DeathVoteExpirationTimeout + TimeSpan.FromSeconds(1));
        var dead = await b.Manager.TryToSuspectOrKillAsync(c.Address);

        Assert.False(dead);
        var entry = (await _table.ReadEntryAsync(c.Address))!;
        Assert.Equal(SiloStatus.Active, entry.Status);
        Assert.Equal(b.Address, Assert.Single(entry.SuspectTimes).Voter);
        Assert.True(await a.Manager.TryToSuspectOrKillAsync(c.Address));
    }

    [Fact]
    public async Task TryToSuspectOrKill_StaleSilosDoNotCount_OneVoteSuffices()
    {
        var options = MembershipTestKit.Options(o => o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10));
        var (a, _, c) = Three(await JoinAsync(3, options));
        c.Crash();
        await _time.AdvanceAsync(options.AllowedIAmAliveMissPeriod + TimeSpan.FromSeconds(1));

        // Silo c wrote no IAmAlive for longer than the allowed period: two active non-stale silos, so one vote suffices.
        Assert.True(await a.Manager.TryToSuspectOrKillAsync(c.Address));
    }

    [Fact]
    public async Task TryToSuspectOrKill_TwoVotersAtOnce_ConvergeOnOneDeadWrite()
    {
        var (a, b, c) = Three(await JoinAsync(3));
        _table.GateNextWrites(2);

        var results = await Task.WhenAll(
            Task.Run(() => a.Manager.TryToSuspectOrKillAsync(c.Address)),
            Task.Run(() => b.Manager.TryToSuspectOrKillAsync(c.Address)));

        Assert.Equal(SiloStatus.Dead, await _table.StatusAsync(c.Address));
        Assert.Single(_table.Writes, w => w.Silo.Equals(c.Address) && w.Status == SiloStatus.Dead);
        Assert.Contains(true, results);
        var versions = _table.Writes.Select(w => w.Version).ToList();
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public async Task TryToSuspectOrKill_TableUnavailable_ReturnsFalseAndDeclaresNobody()
    {
        var (a, b, c) = Three(await JoinAsync(3));
        _table.Available = false;

        Assert.False(await a.Manager.TryToSuspectOrKillAsync(c.Address, intermediary: b.Address));
        Assert.False(await b.Manager.TryToSuspectOrKillAsync(c.Address));

        _table.Available = true;
        Assert.Equal(SiloStatus.Active, await _table.StatusAsync(c.Address));
        Assert.Empty((await _table.ReadEntryAsync(c.Address))!.SuspectTimes);
    }

    [Fact]
    public async Task TryToSuspectOrKill_InactiveVoterOrSelf_DoesNotVote()
    {
        var (a, b, _) = Three(await JoinAsync(3));
        await b.Agent.BeginLeaveAsync(CancellationToken.None);

        Assert.False(await a.Manager.TryToSuspectOrKillAsync(a.Address));
        Assert.False(await b.Manager.TryToSuspectOrKillAsync(a.Address));

        Assert.Empty((await _table.ReadEntryAsync(a.Address))!.SuspectTimes);
    }

    [Fact]
    public async Task LocalSiloDeclaredDead_RefreshCallsKillSelfOnce()
    {
        var (a, b, c) = Three(await JoinAsync(3));
        _network.Set(c.Address, FakeSiloNetwork.SiloState.Down);
        await a.Manager.TryToSuspectOrKillAsync(c.Address);
        await b.Manager.TryToSuspectOrKillAsync(c.Address);
        Assert.False(c.Lifetime.Killed);

        await c.Manager.RefreshAsync();
        await c.Manager.RefreshAsync();

        Assert.Single(c.Lifetime.Kills);
        Assert.True(c.Manager.IsKilled);
        Assert.False(a.Lifetime.Killed || b.Lifetime.Killed);
    }

    [Fact]
    public async Task LocalSiloDeclaredDead_GossipMakesItKillItself()
    {
        var (a, b, c) = Three(await JoinAsync(3));
        await a.Manager.TryToSuspectOrKillAsync(c.Address);

        // b declares c dead and gossips to every silo, the dead one included.
        await b.Manager.TryToSuspectOrKillAsync(c.Address);

        await Wait.UntilAsync(() => c.Lifetime.Killed, "silo c learning through gossip that it is dead");
    }

    [Fact]
    public async Task LocalSiloDeclaredDead_PeriodicRefreshMakesItKillItself()
    {
        var (a, b, c) = Three(await JoinAsync(3));
        _network.Set(c.Address, FakeSiloNetwork.SiloState.Down);
        await a.Manager.TryToSuspectOrKillAsync(c.Address);
        await b.Manager.TryToSuspectOrKillAsync(c.Address);
        Assert.False(c.Lifetime.Killed);

        await _time.RunUntilAsync(() => c.Lifetime.Killed, "silo c's periodic refresh finding it dead", MembershipTestKit.Options().TableRefreshTimeout * 2);
    }

    [Fact]
    public async Task GracefulLeave_WritesShuttingDownThenDeadWithoutKillSelf()
    {
        var (a, b, _) = Three(await JoinAsync(3));

        await b.Agent.BeginLeaveAsync(CancellationToken.None);
        Assert.Equal(SiloStatus.ShuttingDown, await _table.StatusAsync(b.Address));
        await b.Agent.CompleteLeaveAsync(CancellationToken.None);

        Assert.Equal(SiloStatus.Dead, await _table.StatusAsync(b.Address));
        Assert.False(b.Lifetime.Killed);
        await Wait.UntilAsync(() => a.Manager.CurrentSnapshot.GetStatus(b.Address) == SiloStatus.Dead, "silo a seeing b dead through gossip");
    }

    private static (TestMembershipSilo A, TestMembershipSilo B, TestMembershipSilo C) Three(IReadOnlyList<TestMembershipSilo> silos) => (silos[0], silos[1], silos[2]);
}
