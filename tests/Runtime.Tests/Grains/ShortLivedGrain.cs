namespace FlashSale.Runtime.Tests.Grains;

[CollectionAgeLimit(Seconds = 30)]
public sealed class ShortLivedGrain : Grain, IShortLivedGrain
{
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        GrainEvents.Record(this.GetPrimaryKeyString(), $"deactivate:{reason.ReasonCode}");
        return Task.CompletedTask;
    }

    public Task Touch() => Task.CompletedTask;
}
