namespace FlashSale.Runtime.Postgres;

/// <summary>Times as PostgreSQL's timestamptz columns take them: UTC (Npgsql refuses other kinds).</summary>
internal static class UtcTime
{
    /// <summary><paramref name="time"/> in UTC; an unspecified kind is taken as UTC already (the runtime's times are).</summary>
    public static DateTime Of(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}
