namespace FlashSale.Runtime.Benchmarks;

/// <summary>Always placed on the driving process's silo (datacenter "local"): the in-silo figure of the same run.</summary>
[DatacenterPlacement(ClusterBenchmark.LocalDatacenter)]
public sealed class LocalBenchGrain : Grain, ILocalBenchGrain
{
    private int _total;

    public ValueTask<int> Add(int delta) => new(_total += delta);
}
