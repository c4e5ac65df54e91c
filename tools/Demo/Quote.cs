using FlashSale.Runtime;

namespace FlashSale.Demo;

[GenerateSerializer]
public sealed record Quote([property: Id(0)] int Item, [property: Id(1)] decimal Price, [property: Id(2)] Guid Worker);
