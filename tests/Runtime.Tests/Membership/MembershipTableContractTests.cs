using System.Net;
using FlashSale.Runtime.Membership;

namespace FlashSale.Runtime.Tests.Membership;

/// <summary>
/// The membership table contract, written once and run against every table (a subclass per provider supplies
/// it): inserts and updates conditional on the table version and the row ETag, IAmAlive outside versioning,
/// cleanup of defunct rows, and concurrent writers from one read.
/// </summary>
public abstract class MembershipTableContractTests
{
    private static int s_nextPort = 40000;

    /// <summary>A fresh, empty table for one test.</summary>
    protected abstract IMembershipTable CreateTable();

    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    protected static MembershipEntry NewEntry(SiloStatus status = SiloStatus.Joining, int? port = null) => new()
    {
        SiloAddress = new SiloAddress(new IPEndPoint(IPAddress.Loopback, port ?? Interlocked.Increment(ref s_nextPort)), 7),
        Status = status,
        SiloName = "silo",
        HostName = "host",
        Datacenter = "dc2",
        GatewayPort = 30001,
        StartTime = Start,
        IAmAliveTime = Start,
    };

    private async Task<IMembershipTable> NewTableAsync()
    {
        var table = CreateTable();
        await table.InitializeAsync();
        return table;
    }

    [Fact]
    public async Task ReadAll_EmptyTable_NoRows()
    {
        var table = await NewTableAsync();

        var data = await table.ReadAllAsync();

        Assert.Empty(data.Rows);
    }

    [Fact]
    public async Task InsertRow_NextVersion_RowAndFieldsReadBackAndVersionMoves()
    {
        var table = await NewTableAsync();
        var before = await table.ReadAllAsync();
        var entry = NewEntry() with { SuspectTimes = [new SuspectVote(NewEntry().SiloAddress, Start)] };

        Assert.True(await table.InsertRowAsync(entry, before.Version.Next()));

        var after = await table.ReadAllAsync();
        var row = Assert.Single(after.Rows);
        Assert.Equal(before.Version.Version + 1, after.Version.Version);
        Assert.False(string.IsNullOrEmpty(row.ETag));
        Assert.Equal(entry.SiloAddress, row.Entry.SiloAddress);
        Assert.Equal(SiloStatus.Joining, row.Entry.Status);
        Assert.Equal(("silo", "host", "dc2", 30001), (row.Entry.SiloName, row.Entry.HostName, row.Entry.Datacenter, row.Entry.GatewayPort));
        Assert.Equal(Start, row.Entry.StartTime);
        Assert.Equal(entry.SuspectTimes, row.Entry.SuspectTimes);
    }

    [Fact]
    public async Task InsertRow_StaleVersion_ReturnsFalseAndChangesNothing()
    {
        var table = await NewTableAsync();
        var stale = await table.ReadAllAsync();
        Assert.True(await table.InsertRowAsync(NewEntry(), stale.Version.Next()));

        Assert.False(await table.InsertRowAsync(NewEntry(), stale.Version.Next()));

        var data = await table.ReadAllAsync();
        Assert.Single(data.Rows);
        Assert.Equal(stale.Version.Version + 1, data.Version.Version);
    }

    [Fact]
    public async Task InsertRow_VersionNotNext_ReturnsFalse()
    {
        var table = await NewTableAsync();
        var data = await table.ReadAllAsync();

        Assert.False(await table.InsertRowAsync(NewEntry(), data.Version));
        Assert.False(await table.InsertRowAsync(NewEntry(), data.Version.Next().Next()));

        Assert.Empty((await table.ReadAllAsync()).Rows);
    }

    [Fact]
    public async Task InsertRow_SiloAlreadyPresent_ReturnsFalse()
    {
        var table = await NewTableAsync();
        var entry = NewEntry();
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));

        Assert.False(await table.InsertRowAsync(entry with { Status = SiloStatus.Active }, (await table.ReadAllAsync()).Version.Next()));

        Assert.Equal(SiloStatus.Joining, Assert.Single((await table.ReadAllAsync()).Rows).Entry.Status);
    }

    [Fact]
    public async Task UpdateRow_CurrentEtagAndNextVersion_ReplacesRowAndChangesEtag()
    {
        var table = await NewTableAsync();
        var entry = NewEntry();
        await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next());
        var read = await table.ReadAllAsync();
        var row = read.Find(entry.SiloAddress)!;

        Assert.True(await table.UpdateRowAsync(row.Entry with { Status = SiloStatus.Active }, row.ETag, read.Version.Next()));

        var after = await table.ReadAllAsync();
        var updated = after.Find(entry.SiloAddress)!;
        Assert.Equal(SiloStatus.Active, updated.Entry.Status);
        Assert.NotEqual(row.ETag, updated.ETag);
        Assert.Equal(read.Version.Version + 1, after.Version.Version);
    }

    [Fact]
    public async Task UpdateRow_StaleEtag_ReturnsFalse()
    {
        var table = await NewTableAsync();
        var entry = NewEntry();
        await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next());
        var first = await table.ReadAllAsync();
        var staleEtag = first.Find(entry.SiloAddress)!.ETag;
        Assert.True(await table.UpdateRowAsync(entry with { Status = SiloStatus.Active }, staleEtag, first.Version.Next()));
        var second = await table.ReadAllAsync();

        Assert.False(await table.UpdateRowAsync(entry with { Status = SiloStatus.Dead }, staleEtag, second.Version.Next()));

        Assert.Equal(SiloStatus.Active, (await table.ReadAllAsync()).Find(entry.SiloAddress)!.Entry.Status);
    }

    [Fact]
    public async Task UpdateRow_StaleVersion_ReturnsFalseEvenWithCurrentEtag()
    {
        var table = await NewTableAsync();
        var a = NewEntry();
        var b = NewEntry();
        await table.InsertRowAsync(a, (await table.ReadAllAsync()).Version.Next());
        var read = await table.ReadAllAsync();
        var rowA = read.Find(a.SiloAddress)!;
        Assert.True(await table.InsertRowAsync(b, read.Version.Next()));

        Assert.False(await table.UpdateRowAsync(rowA.Entry with { Status = SiloStatus.Active }, rowA.ETag, read.Version.Next()));

        Assert.Equal(SiloStatus.Joining, (await table.ReadAllAsync()).Find(a.SiloAddress)!.Entry.Status);
    }

    [Fact]
    public async Task UpdateRow_MissingRow_ReturnsFalse()
    {
        var table = await NewTableAsync();
        var read = await table.ReadAllAsync();

        Assert.False(await table.UpdateRowAsync(NewEntry(), "1", read.Version.Next()));
    }

    [Fact]
    public async Task UpdateIAmAlive_WritesTimeWithoutChangingVersion()
    {
        var table = await NewTableAsync();
        var entry = NewEntry();
        await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next());
        var before = await table.ReadAllAsync();
        var later = Start.AddMinutes(3);

        await table.UpdateIAmAliveAsync(entry with { IAmAliveTime = later });

        var after = await table.ReadAllAsync();
        Assert.Equal(before.Version.Version, after.Version.Version);
        Assert.Equal(later, after.Find(entry.SiloAddress)!.Entry.IAmAliveTime);
        Assert.Equal(SiloStatus.Joining, after.Find(entry.SiloAddress)!.Entry.Status);
    }

    [Fact]
    public async Task UpdateIAmAlive_DoesNotInvalidateReadVersion()
    {
        var table = await NewTableAsync();
        var a = NewEntry();
        var b = NewEntry();
        await table.InsertRowAsync(a, (await table.ReadAllAsync()).Version.Next());
        await table.InsertRowAsync(b, (await table.ReadAllAsync()).Version.Next());
        var read = await table.ReadAllAsync();

        await table.UpdateIAmAliveAsync(b with { IAmAliveTime = Start.AddMinutes(1) });
        var rowA = read.Find(a.SiloAddress)!;

        Assert.True(await table.UpdateRowAsync(rowA.Entry with { Status = SiloStatus.Active }, rowA.ETag, read.Version.Next()));
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_RemovesOnlyDeadRowsNotAliveSinceDate()
    {
        var table = await NewTableAsync();
        var oldDead = NewEntry(SiloStatus.Dead);
        var recentDead = NewEntry(SiloStatus.Dead) with { IAmAliveTime = Start.AddDays(10) };
        var oldActive = NewEntry(SiloStatus.Active);
        foreach (var entry in new[] { oldDead, recentDead, oldActive })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        }

        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(Start.AddDays(5)));

        var remaining = (await table.ReadAllAsync()).Rows.Select(r => r.Entry.SiloAddress).ToHashSet();
        Assert.DoesNotContain(oldDead.SiloAddress, remaining);
        Assert.Contains(recentDead.SiloAddress, remaining);
        Assert.Contains(oldActive.SiloAddress, remaining);
    }

    [Fact]
    public async Task ConcurrentWritersFromOneRead_ExactlyOneWins()
    {
        var table = await NewTableAsync();
        var entry = NewEntry();
        await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next());
        var read = await table.ReadAllAsync();
        var row = read.Find(entry.SiloAddress)!;

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            table.UpdateRowAsync(row.Entry with { SiloName = $"writer{i}" }, row.ETag, read.Version.Next()))));

        Assert.Equal(1, results.Count(r => r));
        var winner = Array.IndexOf(results, true);
        var after = await table.ReadAllAsync();
        Assert.Equal($"writer{winner}", after.Find(entry.SiloAddress)!.Entry.SiloName);
        Assert.Equal(read.Version.Version + 1, after.Version.Version);
    }

    [Fact]
    public async Task ConcurrentInsertsFromOneRead_ExactlyOneWins()
    {
        var table = await NewTableAsync();
        var read = await table.ReadAllAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => table.InsertRowAsync(NewEntry(), read.Version.Next()))));

        Assert.Equal(1, results.Count(r => r));
        Assert.Single((await table.ReadAllAsync()).Rows);
    }
}
