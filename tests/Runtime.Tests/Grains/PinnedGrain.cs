namespace FlashSale.Runtime.Tests.Grains;

[DatacenterPlacement("dc2")]
public sealed class PinnedGrain : Grain, IPinnedGrain
{
    public Task<string> WhereAmI() => Task.FromResult(RuntimeIdentity);
}
