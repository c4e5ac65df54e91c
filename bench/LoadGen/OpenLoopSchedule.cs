namespace FlashSale.LoadGen;

/// <summary>A fixed-rate token schedule: request k is intended at k / rate seconds after the start.</summary>
internal sealed class OpenLoopSchedule(double rate, long ticksPerSecond)
{
    /// <summary>Ticks after the start at which request <paramref name="k"/> (0-based) is intended.</summary>
    public long IntendedOffset(long k) => (long)(k * ticksPerSecond / rate);

    /// <summary>How many requests are due (intended at or before) <paramref name="elapsedTicks"/> after the start.</summary>
    public long DueBy(long elapsedTicks) => elapsedTicks < 0 ? 0 : (long)Math.Floor(elapsedTicks * rate / ticksPerSecond) + 1;
}
