namespace FlashSale.Runtime.Tests.Grains;

public sealed class EchoGrain : Grain, IEchoGrain
{
    private static readonly Lock LastLock = new();
    private static ImmutablePayload? s_last;
    private readonly Guid _marker = Guid.NewGuid();
    private readonly List<int> _list = [1, 2, 3];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        GrainEvents.Record(this.GetPrimaryKeyString(), "activate");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        GrainEvents.Record(this.GetPrimaryKeyString(), $"deactivate:{reason.ReasonCode}");
        return Task.CompletedTask;
    }

    public Task<string> Echo(string value) => Task.FromResult(value);

    public ValueTask<int> Add(int a, int b) => ValueTask.FromResult(a + b);

    public Task<string> GetRuntimeIdentity() => Task.FromResult(RuntimeIdentity);

    public Task<string> GetKey() => Task.FromResult(this.GetPrimaryKeyString());

    public Task<Guid> GetActivationMarker() => Task.FromResult(_marker);

    public Task Throw(string message) => throw new InvalidOperationException(message);

    public Task<int> MutateAndCount(List<int> values)
    {
        values.Add(99);
        return Task.FromResult(values.Count);
    }

    public Task<bool> IsSameInstanceAsLast(ImmutablePayload payload)
    {
        lock (LastLock)
        {
            var same = ReferenceEquals(payload, s_last);
            s_last = payload;
            return Task.FromResult(same);
        }
    }

    public Task<List<int>> GetList() => Task.FromResult(_list);

    public Task Fire(string tag)
    {
        GrainEvents.Record(this.GetPrimaryKeyString(), $"fire:{tag}");
        return Task.CompletedTask;
    }

    public Task DeactivateSelf()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
