using System.Net;
using FlashSale.Runtime.Directory;

namespace FlashSale.Runtime.Tests.Directory;

[Trait("Category", "Unit")]
public sealed class GrainDirectoryPartitionTests
{
    private static readonly SiloAddress A = new(new IPEndPoint(IPAddress.Loopback, 1), 1);
    private static readonly SiloAddress B = new(new IPEndPoint(IPAddress.Loopback, 2), 1);

    private static GrainAddress Address(GrainId grain, SiloAddress silo) => new() { GrainId = grain, SiloAddress = silo, ActivationId = ActivationId.NewId() };

    [Fact]
    public void Register_FirstLiveRegistrationWins()
    {
        var partition = new GrainDirectoryPartition();
        var grain = GrainId.Create("g", "1");
        var first = Address(grain, A);

        Assert.Same(first, partition.Register(first, _ => true));
        Assert.Same(first, partition.Register(Address(grain, B), _ => true));
        Assert.Same(first, partition.Lookup(grain));
    }

    [Fact]
    public void Register_EntryOfDeadSilo_IsReplaced()
    {
        var partition = new GrainDirectoryPartition();
        var grain = GrainId.Create("g", "1");
        partition.Register(Address(grain, A), _ => true);
        var second = Address(grain, B);

        Assert.Same(second, partition.Register(second, silo => silo.Equals(B)));
    }

    [Fact]
    public void Unregister_OnlyRemovesTheSameActivation()
    {
        var partition = new GrainDirectoryPartition();
        var grain = GrainId.Create("g", "1");
        var registered = Address(grain, A);
        partition.Register(registered, _ => true);

        partition.Unregister(Address(grain, A));
        Assert.NotNull(partition.Lookup(grain));

        partition.Unregister(registered);
        Assert.Null(partition.Lookup(grain));
    }

    [Fact]
    public void RemoveSilo_DropsOnlyItsEntries()
    {
        var partition = new GrainDirectoryPartition();
        partition.Register(Address(GrainId.Create("g", "1"), A), _ => true);
        partition.Register(Address(GrainId.Create("g", "2"), B), _ => true);
        partition.Register(Address(GrainId.Create("g", "3"), A), _ => true);

        Assert.Equal(2, partition.RemoveSilo(A));
        Assert.Equal(1, partition.Count);
        Assert.NotNull(partition.Lookup(GrainId.Create("g", "2")));
    }

    [Fact]
    public async Task Register_ConcurrentRacers_AllSeeOneWinner()
    {
        var partition = new GrainDirectoryPartition();
        var grain = GrainId.Create("g", "race");

        var winners = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => partition.Register(Address(grain, i % 2 == 0 ? A : B), _ => true))));

        Assert.Single(winners.Distinct());
    }
}
