namespace FlashSale.Runtime.Tests.Grains;

[SpreadAcrossDatacentersPlacement]
public sealed class SpreadGrain : Grain, ISpreadGrain
{
    public Task<string> WhereAmI() => Task.FromResult(RuntimeIdentity);
}
