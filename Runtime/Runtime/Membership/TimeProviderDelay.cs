namespace FlashSale.Runtime.Membership;

/// <summary>
/// A cancellable delay on a <see cref="TimeProvider"/> whose continuation runs on the thread that fires the timer
/// (or cancels the token). Unlike <c>Task.Delay(TimeSpan, TimeProvider, CancellationToken)</c>, a test clock that
/// fires timers inside its <c>Advance</c> call resumes the waiting loop inside that call, so probes and retries
/// driven by a manual clock are deterministic.
/// </summary>
internal static class TimeProviderDelay
{
    /// <summary>Completes after <paramref name="delay"/> of <paramref name="time"/> (never for <see cref="Timeout.InfiniteTimeSpan"/>), or is cancelled by <paramref name="cancellationToken"/>.</summary>
    public static Task DelayAsync(this TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        if (delay <= TimeSpan.Zero && delay != Timeout.InfiniteTimeSpan)
        {
            return Task.CompletedTask;
        }

        var state = new DelayState(cancellationToken);
        if (delay != Timeout.InfiniteTimeSpan)
        {
            state.Timer = time.CreateTimer(static s => ((DelayState)s!).Complete(), state, delay, Timeout.InfiniteTimeSpan);
        }

        state.Registration = cancellationToken.Register(static s => ((DelayState)s!).Cancel(), state);
        return state.Task;
    }

    private sealed class DelayState(CancellationToken cancellationToken) : TaskCompletionSource
    {
        public ITimer? Timer { get; set; }

        public CancellationTokenRegistration Registration { get; set; }

        public void Complete()
        {
            if (TrySetResult())
            {
                Cleanup();
            }
        }

        public void Cancel()
        {
            if (TrySetCanceled(cancellationToken))
            {
                Cleanup();
            }
        }

        private void Cleanup()
        {
            Timer?.Dispose();
            Registration.Dispose();
        }
    }
}
