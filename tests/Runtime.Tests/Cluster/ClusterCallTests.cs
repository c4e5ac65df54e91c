using FlashSale.Runtime.Tests.Grains;
using FlashSale.Runtime.Tests.Infrastructure;

namespace FlashSale.Runtime.Tests.Cluster;

[Trait("Category", "Integration")]
public sealed class ClusterCallTests(ThreeSiloFixture fixture) : IClassFixture<ThreeSiloFixture>
{
    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task RacingFirstCallsFromAllSilos_CreateExactlyOneActivation()
    {
        for (var round = 0; round < 5; round++)
        {
            var key = NewKey();
            var calls = fixture.Cluster.Silos
                .SelectMany(silo => Enumerable.Range(0, 100).Select(_ => silo.GrainFactory.GetGrain<IPlacedGrain>(key).WhereAmI()))
                .ToList();

            var places = await Task.WhenAll(calls);

            Assert.Single(places.Distinct());
            Assert.Single(GrainEvents.For(key), e => e.StartsWith("activate@", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task HundredGrains_SpreadOverAllSilos()
    {
        var places = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => fixture.Cluster.Client.GetGrain<IPlacedGrain>(NewKey()).WhereAmI()));

        var silos = fixture.Cluster.Silos.Select(s => s.SiloAddress.ToString()).ToHashSet();
        Assert.True(places.All(silos.Contains));
        Assert.Equal(3, places.Distinct().Count());
    }

    [Fact]
    public async Task GrainToGrainCalls_CrossSilos()
    {
        var keys = Enumerable.Range(0, 30).Select(_ => NewKey()).ToList();
        var places = await Task.WhenAll(keys.Select(k => fixture.Cluster.Client.GetGrain<IPlacedGrain>(k).WhereAmI()));
        var a = 0;
        var b = Enumerable.Range(1, keys.Count - 1).First(i => places[i] != places[0]);

        var seenByA = await fixture.Cluster.Client.GetGrain<IPlacedGrain>(keys[a]).CallOther(keys[b]);

        Assert.Equal(places[b], seenByA);
        Assert.NotEqual(places[a], seenByA);
    }

    [Fact]
    public async Task SameGrainFromEverySilo_AnswersFromOnePlace()
    {
        var key = NewKey();
        var first = await fixture.Cluster.Client.GetGrain<IPlacedGrain>(key).WhereAmI();

        foreach (var silo in fixture.Cluster.Silos)
        {
            Assert.Equal(first, await silo.GrainFactory.GetGrain<IPlacedGrain>(key).WhereAmI());
        }
    }

    [Fact]
    public async Task PinnedGrains_OnlyInTheirDatacenter()
    {
        var dc2 = fixture.Cluster.Silos.Where(s => s.Datacenter == "dc2").Select(s => s.SiloAddress.ToString()).ToHashSet();

        var places = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => fixture.Cluster.Client.GetGrain<IPinnedGrain>(i).WhereAmI()));

        Assert.All(places, p => Assert.Contains(p, dc2));
    }

    [Fact]
    public async Task SpreadGrains_LandInBothDatacenters()
    {
        var dcOf = fixture.Cluster.Silos.ToDictionary(s => s.SiloAddress.ToString(), s => s.Datacenter);

        var places = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => fixture.Cluster.Client.GetGrain<ISpreadGrain>(1000 + i).WhereAmI()));

        var perDc = places.GroupBy(p => dcOf[p]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, perDc.Count);
        Assert.All(perDc.Values, n => Assert.InRange(n, 8, 32));
    }

    [Fact]
    public async Task Client_SpreadsCallsOverAllGateways()
    {
        await Wait.UntilAsync(() => ((Client.ClusterClient)fixture.Cluster.Client).ConnectedGateways.Count == 3, "the client to connect to every gateway");
    }
}
