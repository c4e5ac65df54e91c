using FlashSale.Runtime;

namespace FlashSale.Demo;

[GenerateSerializer]
public sealed class StockState
{
    [Id(0)]
    public int Remaining { get; set; }

    [Id(1)]
    public int Sold { get; set; }
}
