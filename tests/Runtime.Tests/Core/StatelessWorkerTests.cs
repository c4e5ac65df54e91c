using FlashSale.Runtime.Tests.Grains;
using FlashSale.Runtime.Tests.Infrastructure;

namespace FlashSale.Runtime.Tests.Core;

[Trait("Category", "Unit")]
public sealed class StatelessWorkerTests(SingleSiloFixture fixture) : IClassFixture<SingleSiloFixture>
{
    [Fact]
    public async Task ConcurrentCalls_ScaleOutUpToMaxLocalWorkers()
    {
        var worker = fixture.Client.GetGrain<IWorkerGrain>("pool");

        var markers = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => worker.Work()));

        Assert.Equal(3, markers.Distinct().Count());
    }

    [Fact]
    public async Task SequentialCalls_ReuseOneIdleWorker()
    {
        var worker = fixture.Client.GetGrain<IWorkerGrain>("sequential");
        var markers = new List<Guid>();

        for (var i = 0; i < 10; i++)
        {
            markers.Add(await worker.Work());
        }

        Assert.Single(markers.Distinct());
    }

    [Fact]
    public async Task Worker_RunsOnTheCallingSilo()
    {
        var identity = await fixture.Client.GetGrain<IWorkerGrain>("local").GetRuntimeIdentity();

        Assert.Equal(fixture.Cluster.Primary.SiloAddress.ToString(), identity);
    }
}
