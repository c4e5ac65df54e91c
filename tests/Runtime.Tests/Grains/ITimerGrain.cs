namespace FlashSale.Runtime.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartTimer(TimeSpan period);

    Task StopTimer();

    [AlwaysInterleave]
    Task<int> GetTicks();

    /// <summary>Holds a request open until <see cref="Release"/>; a tick that ran meanwhile is an overlap.</summary>
    Task HoldRequest();

    [AlwaysInterleave]
    Task Release();

    [AlwaysInterleave]
    Task<int> GetOverlaps();

    [AlwaysInterleave]
    Task<bool> IsHolding();

    Task Deactivate();
}

public sealed class TimerGrain : Grain, ITimerGrain
{
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IGrainTimer? _timer;
    private int _ticks;
    private bool _inRequest;
    private int _overlaps;

    public Task StartTimer(TimeSpan period)
    {
        _timer = this.RegisterGrainTimer(
            _ =>
            {
                if (_inRequest)
                {
                    _overlaps++;
                }

                _ticks++;
                return Task.CompletedTask;
            },
            period,
            period);
        return Task.CompletedTask;
    }

    public Task StopTimer()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public Task<int> GetTicks() => Task.FromResult(_ticks);

    public async Task HoldRequest()
    {
        _inRequest = true;
        await _gate.Task;
        _inRequest = false;
    }

    public Task Release()
    {
        _gate.TrySetResult();
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return Task.CompletedTask;
    }

    public Task<int> GetOverlaps() => Task.FromResult(_overlaps);

    public Task<bool> IsHolding() => Task.FromResult(_inRequest);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
