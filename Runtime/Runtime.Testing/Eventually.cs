using System.Diagnostics;

namespace FlashSale.Runtime.Testing;

/// <summary>Waits on a condition with a deadline (tests never sleep a fixed time and hope).</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; returns how long that took, or throws <see cref="TimeoutException"/> naming <paramref name="what"/>.</summary>
    public static async Task<TimeSpan> UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return watch.Elapsed;
            }

            if (watch.Elapsed > deadline)
            {
                throw new TimeoutException($"Waited {deadline.TotalSeconds:0.#} s for {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>Polls a synchronous <paramref name="condition"/>; see <see cref="UntilAsync(Func{Task{bool}}, TimeSpan, string)"/>.</summary>
    public static Task<TimeSpan> UntilAsync(Func<bool> condition, TimeSpan deadline, string what) =>
        UntilAsync(() => Task.FromResult(condition()), deadline, what);
}
