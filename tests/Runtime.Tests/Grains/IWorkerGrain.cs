namespace FlashSale.Runtime.Tests.Grains;

public interface IWorkerGrain : IGrainWithStringKey
{
    Task<Guid> Work();

    Task<string> GetRuntimeIdentity();
}

[StatelessWorker(3)]
public sealed class WorkerGrain : Grain, IWorkerGrain
{
    private readonly Guid _marker = Guid.NewGuid();

    public async Task<Guid> Work()
    {
        await Task.Delay(5);
        return _marker;
    }

    public Task<string> GetRuntimeIdentity() => Task.FromResult(RuntimeIdentity);
}
