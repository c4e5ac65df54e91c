namespace FlashSale.Runtime.Benchmarks;

public interface ILocalBenchGrain : IGrainWithIntegerKey
{
    ValueTask<int> Add(int delta);
}
