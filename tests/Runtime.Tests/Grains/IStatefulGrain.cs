namespace FlashSale.Runtime.Tests.Grains;

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Value { get; set; }

    [Id(1)]
    public List<string> History { get; set; } = [];
}

public interface IStatefulGrain : IGrainWithStringKey
{
    Task<int> Increment(bool write);

    Task<int> GetValue();

    Task<string?> GetEtag();

    Task<bool> RecordExists();

    Task Clear();

    Task Deactivate();
}

public sealed class StatefulGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, IStatefulGrain
{
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Graceful shutdown is the grain's chance to save what it has not yet written.
        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown)
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public async Task<int> Increment(bool write)
    {
        state.State.Value++;
        state.State.History.Add($"+{state.State.Value}");
        if (write)
        {
            await state.WriteStateAsync();
        }

        return state.State.Value;
    }

    public Task<int> GetValue() => Task.FromResult(state.State.Value);

    public Task<string?> GetEtag() => Task.FromResult(state.Etag);

    public Task<bool> RecordExists() => Task.FromResult(state.RecordExists);

    public Task Clear() => state.ClearStateAsync();

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
