namespace FlashSale.Runtime.Benchmarks;

public interface IRemoteBenchGrain : IGrainWithIntegerKey
{
    ValueTask<int> Add(int delta);
}
