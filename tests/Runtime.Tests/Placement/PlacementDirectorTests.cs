using System.Net;
using FlashSale.Runtime.Membership;
using FlashSale.Runtime.Placement;

namespace FlashSale.Runtime.Tests.Placement;

[Trait("Category", "Unit")]
public sealed class PlacementDirectorTests
{
    private static readonly ClusterMember[] Members =
    [
        new(new SiloAddress(new IPEndPoint(IPAddress.Loopback, 1), 1), SiloStatus.Active, "a", "dc1", 0),
        new(new SiloAddress(new IPEndPoint(IPAddress.Loopback, 2), 1), SiloStatus.Active, "b", "dc1", 0),
        new(new SiloAddress(new IPEndPoint(IPAddress.Loopback, 3), 1), SiloStatus.Active, "c", "dc2", 0),
    ];

    private static PlacementTarget Target(int key, SiloAddress? local = null) => new(GrainId.Create("g", key), null, local ?? Members[0].SiloAddress);

    [Fact]
    public void PreferLocal_ChoosesTheLocalSiloWhenItIsACandidate()
    {
        var director = new PreferLocalPlacementDirector();

        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal(Members[1].SiloAddress, director.Choose(Target(i, Members[1].SiloAddress), Members)));
    }

    [Fact]
    public void PreferLocal_LocalNotACandidate_ChoosesAnother()
    {
        var director = new PreferLocalPlacementDirector();

        var chosen = director.Choose(Target(1, Members[0].SiloAddress), Members[1..]);

        Assert.NotEqual(Members[0].SiloAddress, chosen);
    }

    [Fact]
    public void HashBased_SameGrainSameSilo_AndSpreads()
    {
        var director = new HashBasedPlacementDirector();

        var first = Enumerable.Range(0, 300).Select(i => director.Choose(Target(i), Members)).ToList();
        var second = Enumerable.Range(0, 300).Select(i => director.Choose(Target(i), Members)).ToList();

        Assert.Equal(first, second);
        Assert.Equal(3, first.Distinct().Count());
    }

    [Fact]
    public void Random_UsesEveryCandidate()
    {
        var director = new RandomPlacementDirector();

        var chosen = Enumerable.Range(0, 300).Select(i => director.Choose(Target(i), Members)).Distinct().Count();

        Assert.Equal(3, chosen);
    }
}
