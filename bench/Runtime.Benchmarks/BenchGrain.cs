namespace FlashSale.Runtime.Benchmarks;

public sealed class BenchGrain : Grain, IBenchGrain
{
    private int _total;

    public ValueTask<int> Add(int delta) => new(_total += delta);
}
