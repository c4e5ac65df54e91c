using System.Net;
using FlashSale.Runtime.Directory;

namespace FlashSale.Runtime.Tests.Directory;

[Trait("Category", "Unit")]
public sealed class ConsistentRingTests
{
    private static SiloAddress Silo(int port) => new(new IPEndPoint(IPAddress.Loopback, port), 1);

    [Fact]
    public void GetOwner_SameSilosInAnyOrder_SameOwners()
    {
        var a = ConsistentRing.Build([Silo(1), Silo(2), Silo(3)]);
        var b = ConsistentRing.Build([Silo(3), Silo(1), Silo(2)]);

        for (uint h = 0; h < 5000; h++)
        {
            var hash = h * 858_993u;
            Assert.Equal(a.GetOwner(hash), b.GetOwner(hash));
        }
    }

    [Fact]
    public void GetOwner_SpreadsGrainsEvenlyEnough()
    {
        var ring = ConsistentRing.Build([Silo(1), Silo(2), Silo(3), Silo(4)]);

        var counts = Enumerable.Range(0, 20_000).GroupBy(i => ring.GetOwner(GrainId.Create("g", i).UniformHash)).ToDictionary(g => g.Key!, g => g.Count());

        Assert.Equal(4, counts.Count);
        Assert.All(counts.Values, n => Assert.InRange(n, 2500, 7500));
    }

    [Fact]
    public void AddingASilo_MovesOnlyTheRangesItTakes()
    {
        var before = ConsistentRing.Build([Silo(1), Silo(2), Silo(3)]);
        var after = ConsistentRing.Build([Silo(1), Silo(2), Silo(3), Silo(4)]);

        var moved = Enumerable.Range(0, 10_000).Select(i => GrainId.Create("g", i).UniformHash).Where(h => !Equals(before.GetOwner(h), after.GetOwner(h))).ToList();

        Assert.All(moved, h => Assert.Equal(Silo(4), after.GetOwner(h)));
        Assert.InRange(moved.Count, 1000, 4500);
    }

    [Fact]
    public void EmptyRing_HasNoOwner() => Assert.Null(ConsistentRing.Build([]).GetOwner(42));
}
