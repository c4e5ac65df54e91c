namespace FlashSale.Runtime.Benchmarks;

/// <summary>Always placed on the second process's silo (datacenter "remote"), so every call to it crosses processes.</summary>
[DatacenterPlacement(ClusterBenchmark.RemoteDatacenter)]
public sealed class RemoteBenchGrain : Grain, IRemoteBenchGrain
{
    private int _total;

    public ValueTask<int> Add(int delta) => new(_total += delta);
}
