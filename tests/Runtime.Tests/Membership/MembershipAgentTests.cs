using System.Net;
using FlashSale.Runtime.Membership;
using FlashSale.Runtime.Testing;
using FlashSale.Runtime.Tests.Infrastructure;

namespace FlashSale.Runtime.Tests.Membership;

/// <summary>Join, IAmAlive and leave, over a shared table with a fake network and a manual clock.</summary>
[Trait("Category", "Unit")]
public sealed class MembershipAgentTests : IDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryMembershipTable _inner = new();
    private readonly FlakyMembershipTable _table;
    private readonly FakeSiloNetwork _network;
    private readonly List<TestMembershipSilo> _silos = [];

    public MembershipAgentTests()
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

    private TestMembershipSilo NewSilo(int? port = null, Action<Configuration.ClusterMembershipOptions>? configure = null)
    {
        var silo = new TestMembershipSilo(_table, _network, _time, MembershipTestKit.Options(configure), port);
        _silos.Add(silo);
        return silo;
    }

    [Fact]
    public async Task JoinAsync_InsertsJoiningRowWithIdentityThenBecomesActive()
    {
        var silo = NewSilo();

        await silo.JoinAsync();

        var entry = (await _table.ReadEntryAsync(silo.Address))!;
        Assert.Equal(SiloStatus.Active, entry.Status);
        Assert.Equal(silo.Details.Name, entry.SiloName);
        Assert.Equal("dc1", entry.Datacenter);
        Assert.Equal(silo.Address.Endpoint.Port + 1, entry.GatewayPort);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, entry.StartTime);
        Assert.Equal([(silo.Address, SiloStatus.Joining), (silo.Address, SiloStatus.Active)], _table.Writes.Select(w => (w.Silo, w.Status)));
        Assert.Equal(SiloStatus.Active, silo.Manager.CurrentSnapshot.GetStatus(silo.Address));
    }

    [Fact]
    public async Task JoinAsync_TwoSilosAtOnce_BothActiveWithDistinctVersions()
    {
        var a = NewSilo();
        var b = NewSilo();
        _table.GateNextWrites(2);

        await Task.WhenAll(a.JoinAsync(), b.JoinAsync());

        Assert.Equal(SiloStatus.Active, await _table.StatusAsync(a.Address));
        Assert.Equal(SiloStatus.Active, await _table.StatusAsync(b.Address));
        Assert.Equal([1, 2, 3, 4], _table.Writes.Select(w => w.Version).Order());
        await Wait.UntilAsync(
            () => a.Manager.CurrentSnapshot.Version == 4 && b.Manager.CurrentSnapshot.Version == 4,
            "both silos seeing the final version");
        Assert.All([a, b], s => Assert.Equal(2, s.Manager.CurrentSnapshot.ActiveMembers.Count));
        await Wait.UntilAsync(() => a.Published.Contains(4) && b.Published.Contains(4), "both silos publishing version 4");
        Assert.All([a, b], s => Assert.Equal(s.Published.Order(), s.Published));
        Assert.All([a, b], s => Assert.Equal(s.Published.Distinct().Count(), s.Published.Count));
    }

    [Fact]
    public async Task JoinAsync_ActiveSiloUnreachable_WaitsUntilItsIAmAliveIsStale()
    {
        var a = NewSilo();
        await a.JoinAsync();
        a.Crash();
        _network.Set(a.Address, FakeSiloNetwork.SiloState.Down);
        var b = NewSilo();

        var join = b.JoinAsync();
        await _time.RunForAsync(TimeSpan.FromSeconds(10));
        Assert.False(join.IsCompleted);
        Assert.Equal(SiloStatus.Joining, await _table.StatusAsync(b.Address));

        var options = MembershipTestKit.Options();
        await _time.RunUntilAsync(() => join.IsCompleted, "b joining once a's row is stale", options.AllowedIAmAliveMissPeriod + TimeSpan.FromSeconds(5));
        await join;
        Assert.Equal(SiloStatus.Active, await _table.StatusAsync(b.Address));
    }

    [Fact]
    public async Task JoinAsync_OlderGenerationOnSameEndpoint_DeclaredDead()
    {
        var port = 41900;
        var silo = NewSilo(port);
        var clone = new SiloAddress(new IPEndPoint(IPAddress.Loopback, port), silo.Address.Generation - 1);
        var read = await _inner.ReadAllAsync();
        await _inner.InsertRowAsync(new MembershipEntry { SiloAddress = clone, Status = SiloStatus.Active, StartTime = _time.GetUtcNow().UtcDateTime }, read.Version.Next());

        await silo.JoinAsync();

        Assert.Equal(SiloStatus.Dead, await _table.StatusAsync(clone));
        Assert.Equal(SiloStatus.Active, await _table.StatusAsync(silo.Address));
    }

    [Fact]
    public async Task JoinAsync_TableUnavailable_RetriesUntilItReturns()
    {
        var silo = NewSilo();
        _table.Available = false;

        var join = silo.JoinAsync();
        await _time.RunForAsync(TimeSpan.FromSeconds(10));
        Assert.False(join.IsCompleted);

        _table.Available = true;
        await _time.RunUntilAsync(() => join.IsCompleted, "the join completing", TimeSpan.FromSeconds(5));
        await join;
        Assert.Equal(SiloStatus.Active, await _table.StatusAsync(silo.Address));
    }

    [Fact]
    public async Task JoinAsync_TableNeverReturns_FailsAfterMaxJoinAttemptTime()
    {
        var silo = NewSilo(configure: o => o.MaxJoinAttemptTime = TimeSpan.FromSeconds(20));
        _table.Available = false;

        var join = silo.JoinAsync();
        await _time.RunUntilAsync(() => join.IsCompleted, "the join giving up", TimeSpan.FromSeconds(25));

        await Assert.ThrowsAsync<TimeoutException>(() => join);
    }

    [Fact]
    public async Task JoinAsync_ActiveSiloNeverAnswers_FailsAndMarksOwnRowDead()
    {
        var a = NewSilo();
        await a.JoinAsync();
        _network.Set(a.Address, FakeSiloNetwork.SiloState.Down);
        var b = NewSilo(configure: o => o.MaxJoinAttemptTime = TimeSpan.FromSeconds(20));

        var join = b.JoinAsync();
        await _time.RunUntilAsync(() => join.IsCompleted, "the join giving up", TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<TimeoutException>(() => join);
        Assert.Equal(SiloStatus.Dead, await _table.StatusAsync(b.Address));
        Assert.False(b.Lifetime.Killed);
        Assert.Equal(SiloStatus.Active, await _table.StatusAsync(a.Address));
    }

    [Fact]
    public async Task IAmAlive_WrittenEveryPeriodWithoutChangingVersion()
    {
        var silo = NewSilo();
        await silo.JoinAsync();
        var before = await _table.ReadAllAsync();
        var period = MembershipTestKit.Options().IAmAliveTablePublishTimeout;

        await _time.AdvanceAsync(period);

        var after = await _table.ReadAllAsync();
        Assert.Equal(before.Version.Version, after.Version.Version);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, after.Find(silo.Address)!.Entry.IAmAliveTime);
    }

    [Fact]
    public async Task IAmAlive_TableUnavailable_DoesNotThrowAndResumes()
    {
        var silo = NewSilo();
        await silo.JoinAsync();
        var period = MembershipTestKit.Options().IAmAliveTablePublishTimeout;

        _table.Available = false;
        await _time.AdvanceAsync(period);
        _table.Available = true;
        await _time.AdvanceAsync(period);

        Assert.Equal(_time.GetUtcNow().UtcDateTime, (await _table.ReadEntryAsync(silo.Address))!.IAmAliveTime);
        Assert.False(silo.Lifetime.Killed);
    }

    [Fact]
    public async Task DefunctCleanup_RemovesOldDeadRows()
    {
        var silo = NewSilo(configure: o =>
        {
            o.DefunctSiloCleanupPeriod = TimeSpan.FromMinutes(1);
            o.DefunctSiloExpiration = TimeSpan.FromMinutes(5);
        });
        var dead = SiloAddress.Parse("S10.9.9.9:11111:1");
        var read = await _inner.ReadAllAsync();
        var now = _time.GetUtcNow().UtcDateTime;
        await _inner.InsertRowAsync(new MembershipEntry { SiloAddress = dead, Status = SiloStatus.Dead, StartTime = now, IAmAliveTime = now }, read.Version.Next());
        await silo.JoinAsync();

        await _time.RunUntilAsync(() => _table.StatusNow(dead) == SiloStatus.None, "the dead row being cleaned up", TimeSpan.FromMinutes(8));

        Assert.Equal(SiloStatus.Active, await _table.StatusAsync(silo.Address));
    }
}
