using FlashSale.Runtime.Membership;
using FlashSale.Runtime.Testing;

namespace FlashSale.Runtime.Tests.Membership;

/// <summary>Probing, missed-probe counting, indirect probes and voting, with a fake network and a manual clock.</summary>
[Trait("Category", "Unit")]
public sealed class ClusterHealthMonitorTests : IDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly FlakyMembershipTable _table = new(new InMemoryMembershipTable());
    private readonly FakeSiloNetwork _network;
    private List<TestMembershipSilo> _silos = [];

    public ClusterHealthMonitorTests() => _network = new FakeSiloNetwork(_time);

    public void Dispose()
    {
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }
    }

    [Fact]
    public void SelectProbeTargets_EverySiloProbedByExactlyCount()
    {
        var silos = Enumerable.Range(0, 7).Select(i => SiloAddress.Parse($"S10.0.0.{i}:11111:5")).ToList();

        var probedBy = silos.SelectMany(s => ClusterHealthMonitor.SelectProbeTargets(s, silos, 3)).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());

        Assert.All(silos, s => Assert.Equal(3, probedBy[s]));
        Assert.All(silos, s => Assert.DoesNotContain(s, ClusterHealthMonitor.SelectProbeTargets(s, silos, 3)));
        Assert.Equal(6, ClusterHealthMonitor.SelectProbeTargets(silos[0], silos, 10).Count);
    }

    [Fact]
    public async Task SiloWhoseProbesAllTimeOut_DeclaredDeadByVotes_AndKillsItself()
    {
        var options = MembershipTestKit.Options();
        _silos = await MembershipTestKit.StartSilosAsync(3, _table, _network, _time, options);
        var (a, b, c) = (_silos[0], _silos[1], _silos[2]);

        _network.Set(c.Address, FakeSiloNetwork.SiloState.Hung);
        await _time.RunUntilAsync(() => _table.StatusNow(c.Address) == SiloStatus.Dead, "silo c declared dead", TimeSpan.FromSeconds(30));

        var entry = (await _table.ReadEntryAsync(c.Address))!;
        Assert.True(entry.SuspectTimes.Count >= 2, $"votes: {entry.SuspectTimes.Count}");
        Assert.All(entry.SuspectTimes, v => Assert.Contains(v.Voter, new[] { a.Address, b.Address }));
        Assert.Equal(SiloStatus.Active, await _table.StatusAsync(a.Address));
        Assert.Equal(SiloStatus.Active, await _table.StatusAsync(b.Address));
        await _time.RunUntilAsync(() => c.Lifetime.Killed, "silo c finding itself dead at its next refresh", options.TableRefreshTimeout * 2);
        Assert.False(a.Lifetime.Killed || b.Lifetime.Killed);
    }

    [Fact]
    public async Task SiloUnreachableFromOneVoterOnly_ThreeSilos_NotDeclaredDead()
    {
        var options = MembershipTestKit.Options(o => o.EnableIndirectProbes = false);
        _silos = await MembershipTestKit.StartSilosAsync(3, _table, _network, _time, options);
        var (a, _, c) = (_silos[0], _silos[1], _silos[2]);

        _network.Cut(a.Address, c.Address);
        await _time.RunUntilAsync(() => _table.VotesNow(c.Address) > 0, "silo a voting against c", TimeSpan.FromSeconds(10));
        await _time.RunForAsync(TimeSpan.FromSeconds(20));

        var entry = (await _table.ReadEntryAsync(c.Address))!;
        Assert.Equal(SiloStatus.Active, entry.Status);
        Assert.Equal(a.Address, Assert.Single(entry.SuspectTimes).Voter);
        Assert.DoesNotContain(_silos, s => s.Lifetime.Killed);
    }

    [Fact]
    public async Task IndirectProbeSucceeds_NoVote()
    {
        var options = MembershipTestKit.Options();
        _silos = await MembershipTestKit.StartSilosAsync(3, _table, _network, _time, options);
        var (a, _, c) = (_silos[0], _silos[1], _silos[2]);

        _network.Cut(a.Address, c.Address);
        await _time.RunUntilAsync(() => _network.IndirectProbes >= 3, "several indirect probes of c through b", TimeSpan.FromSeconds(20));
        await _time.RunForAsync(TimeSpan.FromSeconds(10));

        var entry = (await _table.ReadEntryAsync(c.Address))!;
        Assert.Equal(SiloStatus.Active, entry.Status);
        Assert.Empty(entry.SuspectTimes);
    }

    [Fact]
    public async Task ProbeRecoversBeforeLimit_NoVote()
    {
        var options = MembershipTestKit.Options(o => o.EnableIndirectProbes = false);
        _silos = await MembershipTestKit.StartSilosAsync(3, _table, _network, _time, options);
        var c = _silos[2];

        for (var round = 0; round < 5; round++)
        {
            _network.Set(c.Address, FakeSiloNetwork.SiloState.Down);
            await _time.RunForAsync(options.ProbeTimeout * (options.NumMissedProbesLimit - 1));
            _network.Set(c.Address, FakeSiloNetwork.SiloState.Up);
            await _time.RunForAsync(options.ProbeTimeout * 2);
        }

        Assert.Empty((await _table.ReadEntryAsync(c.Address))!.SuspectTimes);
    }

    [Fact]
    public async Task TableUnavailable_NobodyDeclaredDead_RecoversWhenItReturns()
    {
        var options = MembershipTestKit.Options();
        _silos = await MembershipTestKit.StartSilosAsync(3, _table, _network, _time, options);
        var c = _silos[2];

        _table.Available = false;
        _network.Set(c.Address, FakeSiloNetwork.SiloState.Down);
        await _time.RunForAsync(TimeSpan.FromSeconds(60));

        Assert.True(_table.FailedCalls > 0);
        Assert.DoesNotContain(_silos, s => s.Lifetime.Killed);
        _table.Available = true;
        var entry = (await _table.ReadEntryAsync(c.Address))!;
        Assert.Equal(SiloStatus.Active, entry.Status);
        Assert.Empty(entry.SuspectTimes);
        Assert.All(_silos, s => Assert.Equal(3, s.Manager.CurrentSnapshot.ActiveMembers.Count));

        await _time.RunUntilAsync(() => _table.StatusNow(c.Address) == SiloStatus.Dead, "silo c declared dead once the table is back", TimeSpan.FromSeconds(30));
        Assert.False(_silos[0].Lifetime.Killed || _silos[1].Lifetime.Killed);
    }
}
