namespace FlashSale.Runtime.Tests.Grains;

public interface IChainGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="next"/>, which calls back into this grain: a cycle of non-reentrant grains.</summary>
    Task<string> CallThrough(string next);

    Task<string> CallBack(string origin);

    Task<string> Name();

    Task Hang();

    Task<int> FailActivationCount();
}

public sealed class ChainGrain : Grain, IChainGrain
{
    public Task<string> CallThrough(string next) => GrainFactory.GetGrain<IChainGrain>(next).CallBack(this.GetPrimaryKeyString());

    public Task<string> CallBack(string origin) => GrainFactory.GetGrain<IChainGrain>(origin).Name();

    public Task<string> Name() => Task.FromResult(this.GetPrimaryKeyString());

    public Task Hang() => new TaskCompletionSource().Task;

    public Task<int> FailActivationCount() => Task.FromResult(0);
}

public interface IFailingActivationGrain : IGrainWithStringKey
{
    Task<string> Hello();
}

/// <summary>Fails its first activation (per key), then works.</summary>
public sealed class FailingActivationGrain : Grain, IFailingActivationGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        GrainEvents.Record(key, "activate");
        return GrainEvents.Count(key, "activate") == 1
            ? throw new InvalidDataException($"first activation of {key} fails")
            : Task.CompletedTask;
    }

    public Task<string> Hello() => Task.FromResult("hello");
}
