namespace FlashSale.Runtime.Tests.Grains;

public interface IPinnedGrain : IGrainWithIntegerKey
{
    Task<string> WhereAmI();
}
