using FlashSale.Runtime;

namespace FlashSale.Demo;

public interface IPriceWorker : IGrainWithStringKey
{
    Task<Quote> Quote(int item);
}
