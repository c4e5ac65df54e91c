using FlashSale.Runtime;

namespace FlashSale.Demo;

[StatelessWorker(4)]
public sealed class PriceWorker : Grain, IPriceWorker
{
    private readonly Guid _id = Guid.NewGuid();

    public async Task<Quote> Quote(int item)
    {
        await Task.Yield();
        return new Quote(item, 9.99m + item, _id);
    }
}
