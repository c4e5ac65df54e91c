using FlashSale.Runtime.Tests.Grains;

namespace FlashSale.Runtime.Tests.Networking;

/// <summary>What the fake handler runs incoming requests on: a plain object implementing the echo interface.</summary>
internal sealed class EchoTarget : IEchoGrain
{
    public Task<string> Echo(string value) => Task.FromResult(value);

    public ValueTask<int> Add(int a, int b) => ValueTask.FromResult(a + b);

    public Task<string> GetRuntimeIdentity() => Task.FromResult("network-test");

    public Task<string> GetKey() => Task.FromResult("key");

    public Task<Guid> GetActivationMarker() => Task.FromResult(Guid.Empty);

    public Task Throw(string message) => throw new InvalidOperationException(message);

    public Task<int> MutateAndCount(List<int> values) => Task.FromResult(values.Count);

    public Task<bool> IsSameInstanceAsLast(ImmutablePayload payload) => Task.FromResult(false);

    public Task<List<int>> GetList() => Task.FromResult(new List<int> { 1, 2, 3 });

    public Task Fire(string tag) => Task.CompletedTask;

    public Task DeactivateSelf() => Task.CompletedTask;
}
