namespace FlashSale.Runtime.Tests.Grains;

public abstract class TurnGrainBase : Grain, ITurn
{
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _blocked;
    private int _inside;
    private int _max;

    public async Task Block()
    {
        _blocked = true;
        await _gate.Task;
        _blocked = false;
    }

    public Task<int> Ping() => Task.FromResult(42);

    public Task<bool> IsBlocked() => Task.FromResult(_blocked);

    public Task Release()
    {
        _gate.TrySetResult();
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return Task.CompletedTask;
    }

    public Task BlockRead() => Block();

    public Task<int> Read() => Task.FromResult(7);

    public async Task Work()
    {
        _inside++;
        _max = Math.Max(_max, _inside);
        for (var i = 0; i < 5; i++)
        {
            await Task.Delay(2);
            _max = Math.Max(_max, _inside);
        }

        _inside--;
    }

    public Task<int> GetMaxConcurrency() => Task.FromResult(_max);
}

public sealed class TurnGrain : TurnGrainBase, ITurnGrain;

[Reentrant]
public sealed class ReentrantTurnGrain : TurnGrainBase, IReentrantTurnGrain;
