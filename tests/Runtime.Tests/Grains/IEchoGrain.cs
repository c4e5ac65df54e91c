namespace FlashSale.Runtime.Tests.Grains;

public interface IEchoGrain : IGrainWithStringKey
{
    Task<string> Echo(string value);

    ValueTask<int> Add(int a, int b);

    Task<string> GetRuntimeIdentity();

    Task<string> GetKey();

    Task<Guid> GetActivationMarker();

    Task Throw(string message);

    Task<int> MutateAndCount(List<int> values);

    Task<bool> IsSameInstanceAsLast(ImmutablePayload payload);

    Task<List<int>> GetList();

    [OneWay]
    Task Fire(string tag);

    Task DeactivateSelf();
}
