using FlashSale.Runtime.Catalog;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Timers;

/// <summary>
/// A grain timer. Each tick is queued into the activation as a request, so the callback runs inside the
/// grain's turns and never overlaps a request of a non-reentrant grain. The next tick is armed only after
/// the callback completes (the period runs from the end of one tick to the start of the next), so ticks never
/// pile up. Ticks do not count as activity for idle collection. Disposed with the activation.
/// </summary>
internal sealed partial class GrainTimer : IGrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<object?, CancellationToken, Task> _callback;
    private readonly object? _state;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _disposed = new();
    private TimeSpan _period;
    private int _changes;

    public GrainTimer(ActivationData activation, Func<object?, CancellationToken, Task> callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ValidateTimes(dueTime, period);
        _activation = activation;
        _callback = callback;
        _state = state;
        _period = period;
        activation.AddTimer(this);
        _timer = activation.Shared.Time.CreateTimer(static s => ((GrainTimer)s!).OnDue(), this, dueTime, Timeout.InfiniteTimeSpan);
    }

    public bool IsDisposed => _disposed.IsCancellationRequested;

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        ValidateTimes(dueTime, period);
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        _period = period;
        Interlocked.Increment(ref _changes);
        _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        if (IsDisposed)
        {
            return;
        }

        _disposed.Cancel();
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }

    internal async Task TickAsync()
    {
        if (IsDisposed)
        {
            return;
        }

        var changes = Volatile.Read(ref _changes);
        try
        {
            await _callback(_state, _disposed.Token);
        }
        catch (Exception e) when (!IsDisposed)
        {
            LogTimerCallbackFailed(_activation.Shared.Logger, _activation.GrainId, e);
        }
        catch (OperationCanceledException)
        {
        }

        // A Change made by the callback itself already armed the timer: re-arming here would override it.
        if (!IsDisposed && _period != Timeout.InfiniteTimeSpan && Volatile.Read(ref _changes) == changes)
        {
            try
            {
                _timer.Change(_period, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private static void ValidateTimes(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "The due time must be zero or positive, or infinite.");
        }

        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be positive, or infinite for a one-shot timer.");
        }
    }

    private void OnDue()
    {
        if (!IsDisposed && !_activation.EnqueueInternal(new TimerTickRequest(this)))
        {
            Dispose();
        }
    }

    [LoggerMessage(EventId = 140, Level = LogLevel.Warning, Message = "A timer callback of {GrainId} threw")]
    private static partial void LogTimerCallbackFailed(ILogger logger, GrainId grainId, Exception exception);
}
