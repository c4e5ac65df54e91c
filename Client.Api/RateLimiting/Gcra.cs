namespace FlashSale.Client.Api.RateLimiting;

/// <summary>
/// The generic cell rate algorithm: a bucket is one number, the theoretical arrival time of the next permitted
/// request, and admitting is one compare-and-swap on it. It admits exactly what a token bucket of the same rate and
/// burst admits, with no timer to refill it and no lock.
/// </summary>
internal static class Gcra
{
    /// <summary>
    /// Admits <paramref name="permits"/> against <paramref name="cell"/> at <paramref name="perSecond"/> with a burst of
    /// <paramref name="burstSeconds"/> of that rate; when refused, <paramref name="retryAfter"/> says when they would fit.
    /// </summary>
    public static bool TryAdmit(ref long cell, TimeProvider time, int perSecond, double burstSeconds, int permits, out TimeSpan retryAfter)
    {
        var frequency = time.TimestampFrequency;
        perSecond = Math.Max(1, perSecond);
        var interval = Math.Max(1, frequency / perSecond);

        // A bucket of `burst` tokens: the next arrival may run at most burst intervals ahead of now.
        var horizon = interval * Math.Max(1, (long)Math.Ceiling(perSecond * burstSeconds));
        while (true)
        {
            var now = time.GetTimestamp();
            var arrival = Volatile.Read(ref cell);
            var next = Math.Max(arrival, now) + (interval * permits);
            if (next - now > horizon)
            {
                retryAfter = TimeSpan.FromSeconds((next - now - horizon) / (double)frequency);
                return false;
            }

            if (Interlocked.CompareExchange(ref cell, next, arrival) == arrival)
            {
                retryAfter = TimeSpan.Zero;
                return true;
            }
        }
    }
}
