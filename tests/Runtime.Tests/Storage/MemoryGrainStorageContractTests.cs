using FlashSale.Runtime.Storage;

namespace FlashSale.Runtime.Tests.Storage;

[Trait("Category", "Unit")]
public sealed class MemoryGrainStorageContractTests : GrainStorageContractTests
{
    protected override IGrainStorage Storage { get; } = new MemoryGrainStorage("memory", new MemoryGrainStorageStore());
}
