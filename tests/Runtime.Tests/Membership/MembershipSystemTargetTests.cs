using FlashSale.Runtime.Membership;
using FlashSale.Runtime.Testing;
using FlashSale.Runtime.Tests.Infrastructure;

namespace FlashSale.Runtime.Tests.Membership;

/// <summary>The per-silo membership system target: ping, indirect probe on behalf of another silo, and gossip.</summary>
[Trait("Category", "Unit")]
public sealed class MembershipSystemTargetTests : IDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryMembershipTable _table = new();
    private readonly FakeSiloNetwork _network;
    private readonly List<TestMembershipSilo> _silos = [];

    public MembershipSystemTargetTests() => _network = new FakeSiloNetwork(_time);

    public void Dispose()
    {
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }
    }

    private async Task<(TestMembershipSilo A, TestMembershipSilo B)> TwoAsync()
    {
        for (var i = 0; i < 2; i++)
        {
            var silo = new TestMembershipSilo(_table, _network, _time, MembershipTestKit.Options());
            _silos.Add(silo);
            await MembershipTestKit.WithoutContext(() => silo.Agent.JoinAsync(CancellationToken.None));
        }

        return (_silos[0], _silos[1]);
    }

    [Fact]
    public async Task ProbeIndirectly_TargetAnswers_True()
    {
        var (a, b) = await TwoAsync();
        var target = new MembershipSystemTarget(a.Manager, a.Endpoint, _time);

        Assert.True(await target.ProbeIndirectly(b.Address, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task ProbeIndirectly_TargetHangs_FalseAfterTimeout()
    {
        var (a, b) = await TwoAsync();
        var target = new MembershipSystemTarget(a.Manager, a.Endpoint, _time);
        _network.Set(b.Address, FakeSiloNetwork.SiloState.Hung);

        var probe = MembershipTestKit.WithoutContext(() => target.ProbeIndirectly(b.Address, TimeSpan.FromSeconds(1)));
        Assert.False(probe.IsCompleted);
        await _time.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.False(await probe);
    }

    [Fact]
    public async Task MembershipChanged_NewerVersion_RefreshesTheView()
    {
        var (a, b) = await TwoAsync();
        var read = await _table.ReadAllAsync();
        var row = read.Find(b.Address)!;
        await _table.UpdateRowAsync(row.Entry with { SiloName = "renamed" }, row.ETag, read.Version.Next());

        await new MembershipSystemTarget(a.Manager, a.Endpoint, _time).MembershipChanged(read.Version.Version + 1);

        await Wait.UntilAsync(() => a.Manager.CurrentSnapshot.Members[b.Address].Name == "renamed", "silo a reading the gossiped version");
    }

    [Fact]
    public async Task Ping_Completes()
    {
        var (a, _) = await TwoAsync();

        await new MembershipSystemTarget(a.Manager, a.Endpoint, _time).Ping();
    }
}
