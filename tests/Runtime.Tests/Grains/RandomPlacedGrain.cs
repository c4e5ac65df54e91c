namespace FlashSale.Runtime.Tests.Grains;

public sealed class RandomPlacedGrain([PersistentState("placed")] IPersistentState<CounterState> state) : Grain, IPlacedGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        GrainEvents.Record(this.GetPrimaryKeyString(), $"activate@{RuntimeIdentity}");
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        GrainEvents.Record(this.GetPrimaryKeyString(), $"deactivate:{reason.ReasonCode}@{RuntimeIdentity}");
        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown)
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public Task<string> WhereAmI() => Task.FromResult(RuntimeIdentity);

    public Task<string> CallOther(string otherKey) => GrainFactory.GetGrain<IPlacedGrain>(otherKey).WhereAmI();

    public Task<int> Increment() => Task.FromResult(++state.State.Value);

    public Task Save() => state.WriteStateAsync();
}
