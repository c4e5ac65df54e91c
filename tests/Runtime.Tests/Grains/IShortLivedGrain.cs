namespace FlashSale.Runtime.Tests.Grains;

public interface IShortLivedGrain : IGrainWithStringKey
{
    Task Touch();
}
