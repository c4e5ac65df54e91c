namespace FlashSale.Runtime.Networking;

/// <summary>
/// Conversions between deadlines (<see cref="TimeProvider.GetTimestamp"/> units of one process's clock) and the
/// relative time to live that travels on the wire: absolute timestamps never cross processes.
/// </summary>
internal static class Deadlines
{
    /// <summary>The milliseconds from <paramref name="now"/> to <paramref name="deadline"/>, rounded up, in [0, <see cref="int.MaxValue"/>].</summary>
    public static long ToTimeToLive(long deadline, long now, long frequency)
    {
        var remaining = deadline - now;
        if (remaining <= 0)
        {
            return 0;
        }

        var milliseconds = Math.Ceiling(remaining * 1000.0 / frequency);
        return milliseconds >= int.MaxValue ? int.MaxValue : (long)milliseconds;
    }

    /// <summary>The deadline <paramref name="timeToLiveMilliseconds"/> after <paramref name="now"/>.</summary>
    public static long FromTimeToLive(long timeToLiveMilliseconds, long now, long frequency) =>
        now + (long)(timeToLiveMilliseconds / 1000.0 * frequency);

    /// <summary><paramref name="duration"/> in timestamp units.</summary>
    public static long ToTicks(TimeSpan duration, long frequency) => (long)(duration.TotalSeconds * frequency);
}
