namespace FlashSale.Runtime.Benchmarks;

public interface IBenchGrain : IGrainWithIntegerKey
{
    ValueTask<int> Add(int delta);
}
