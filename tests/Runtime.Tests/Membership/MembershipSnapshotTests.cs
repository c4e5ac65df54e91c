using System.Collections.Concurrent;
using FlashSale.Runtime.Membership;
using FlashSale.Runtime.Testing;
using FlashSale.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Tests.Membership;

/// <summary>Snapshot publication of <see cref="MembershipTableManager"/>: forward only, in version order, never concurrent.</summary>
[Trait("Category", "Unit")]
public sealed class MembershipSnapshotTests
{
    private readonly ManualTimeProvider _time = new();

    private MembershipTableManager NewManager(IMembershipTable table, FakeSiloLifetime? lifetime = null) => new(
        table,
        new LocalSiloDetails(Options.Create(new Configuration.SiloOptions { SiloPort = 42001 }), _time),
        lifetime ?? new FakeSiloLifetime(),
        new FakeSiloNetwork(_time).For(SiloAddress.Parse("S127.0.0.1:1:1")),
        Options.Create(MembershipTestKit.Options()),
        _time,
        NullLogger<MembershipTableManager>.Instance);

    private static MembershipTableData Data(int version, params MembershipEntry[] entries) =>
        new([.. entries.Select(e => new MembershipRow(e, "1"))], new TableVersion(version, version.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task ProcessTableRead_OlderOrEqualVersion_Ignored()
    {
        using var manager = NewManager(new InMemoryMembershipTable());
        var published = new ConcurrentQueue<long>();
        manager.SnapshotUpdated += s => published.Enqueue(s.Version);

        manager.ProcessTableRead(Data(3));
        manager.ProcessTableRead(Data(1));
        manager.ProcessTableRead(Data(3));
        manager.ProcessTableRead(Data(5));
        manager.ProcessTableRead(Data(4));

        Assert.Equal(5, manager.CurrentSnapshot.Version);
        await Wait.UntilAsync(() => published.Count == 2, "two snapshots published");
        Assert.Equal([3, 5], published);
    }

    [Fact]
    public async Task ProcessTableRead_ConcurrentReads_PublishedInIncreasingOrderWithoutOverlap()
    {
        using var manager = NewManager(new InMemoryMembershipTable());
        var published = new ConcurrentQueue<long>();
        var inHandler = 0;
        var overlapped = false;
        manager.SnapshotUpdated += s =>
        {
            overlapped |= Interlocked.Increment(ref inHandler) > 1;
            published.Enqueue(s.Version);
            Thread.SpinWait(100);
            Interlocked.Decrement(ref inHandler);
        };

        await Task.WhenAll(Enumerable.Range(1, 8).Select(t => Task.Run(() =>
        {
            for (var v = t; v <= 400; v += 8)
            {
                manager.ProcessTableRead(Data(v));
            }
        })));

        Assert.Equal(400, manager.CurrentSnapshot.Version);
        await Wait.UntilAsync(() => published.LastOrDefault() == 400, "the last snapshot published");
        Assert.Equal(published.Order(), published);
        Assert.Equal(published.Distinct().Count(), published.Count);
        Assert.False(overlapped);
    }

    [Fact]
    public async Task Snapshot_CarriesStatusNameDatacenterAndGatewayPort()
    {
        var table = new InMemoryMembershipTable();
        var silo = SiloAddress.Parse("S10.0.0.7:11111:9");
        await table.InsertRowAsync(
            new MembershipEntry { SiloAddress = silo, Status = SiloStatus.Active, SiloName = "s7", Datacenter = "dc2", GatewayPort = 30007 },
            (await table.ReadAllAsync()).Version.Next());
        using var manager = NewManager(table);

        await manager.RefreshAsync();

        Assert.Equal(new ClusterMember(silo, SiloStatus.Active, "s7", "dc2", 30007), manager.CurrentSnapshot.Members[silo]);
        Assert.Equal(1, manager.CurrentSnapshot.Version);
    }

    [Fact]
    public async Task RefreshAsync_TableThrows_PropagatesAndKeepsSnapshot()
    {
        var table = new FlakyMembershipTable(new InMemoryMembershipTable());
        using var manager = NewManager(table);
        await table.InsertRowAsync(new MembershipEntry { SiloAddress = SiloAddress.Parse("S10.0.0.8:1:1"), Status = SiloStatus.Active }, (await table.ReadAllAsync()).Version.Next());
        await manager.RefreshAsync();
        table.Available = false;

        await Assert.ThrowsAsync<TimeoutException>(() => manager.RefreshAsync());

        Assert.Equal(1, manager.CurrentSnapshot.Version);
    }

    [Fact]
    public async Task OnGossip_NewerVersion_RefreshesAndOlderIsIgnored()
    {
        var table = new FlakyMembershipTable(new InMemoryMembershipTable());
        using var manager = NewManager(table);
        await table.InsertRowAsync(new MembershipEntry { SiloAddress = SiloAddress.Parse("S10.0.0.9:1:1"), Status = SiloStatus.Active }, (await table.ReadAllAsync()).Version.Next());

        manager.OnGossip(1);

        await Wait.UntilAsync(() => manager.CurrentSnapshot.Version == 1, "the gossiped version read");
        table.Available = false;
        manager.OnGossip(1);
        Assert.Equal(0, table.FailedCalls);
    }
}
