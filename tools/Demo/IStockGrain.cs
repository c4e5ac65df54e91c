namespace FlashSale.Demo;

/// <summary>A toy stock counter: the flash-sale domain proper arrives with the Grains project.</summary>
public interface IStockGrain : FlashSale.Runtime.IGrainWithStringKey
{
    Task Restock(int units);

    Task<bool> TryTake();

    Task<int> TakeMany(int units);

    Task<int> Remaining();

    Task<int> Sold();

    Task Save();

    Task<string?> Etag();

    Task Deactivate();
}
