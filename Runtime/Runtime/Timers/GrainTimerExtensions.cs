using FlashSale.Runtime.Catalog;

namespace FlashSale.Runtime;

/// <summary>Registers timers that run inside a grain's turns.</summary>
public static class GrainTimerExtensions
{
    /// <summary>Registers a timer; the first tick is after <paramref name="dueTime"/>, then every <paramref name="period"/> after each tick completes.</summary>
    public static IGrainTimer RegisterGrainTimer(this IGrainBase grain, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new Timers.GrainTimer(GetActivation(grain), static (s, ct) => ((Func<CancellationToken, Task>)s!)(ct), callback, dueTime, period);
    }

    /// <summary>Registers a timer whose callback receives <paramref name="state"/>.</summary>
    public static IGrainTimer RegisterGrainTimer<TState>(this IGrainBase grain, Func<TState, CancellationToken, Task> callback, TState state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new Timers.GrainTimer(GetActivation(grain), (s, ct) => callback((TState)s!, ct), state, dueTime, period);
    }

    private static ActivationData GetActivation(IGrainBase grain) =>
        grain.GrainContext as ActivationData ?? throw new InvalidOperationException("Timers can only be registered by grains hosted in a silo.");
}
