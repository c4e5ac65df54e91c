namespace FlashSale.Runtime.Tests.Grains;

public interface ISpreadGrain : IGrainWithIntegerKey
{
    Task<string> WhereAmI();
}
