namespace FlashSale.Runtime.Tests.Grains;

/// <summary>Grains that report where they run, for placement and failover tests.</summary>
public interface IPlacedGrain : IGrainWithStringKey
{
    Task<string> WhereAmI();

    Task<string> CallOther(string otherKey);

    Task<int> Increment();

    Task Save();
}
