namespace FlashSale.Runtime;

/// <summary>Overrides, for one grain class, how long an idle activation lives before it is collected.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class CollectionAgeLimitAttribute : Attribute
{
    /// <summary>The smallest age limit accepted.</summary>
    public static readonly TimeSpan MinAgeLimit = TimeSpan.FromSeconds(1);

    /// <summary>Creates the attribute; set <see cref="Days"/>, <see cref="Hours"/>, <see cref="Minutes"/> or <see cref="Seconds"/>.</summary>
    public CollectionAgeLimitAttribute()
    {
    }

    /// <summary>Creates the attribute from a <see cref="TimeSpan"/> string such as "00:05:00".</summary>
    public CollectionAgeLimitAttribute(string inactivityPeriod) => Amount = TimeSpan.Parse(inactivityPeriod, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Days of idleness.</summary>
    public double Days { get; init; }

    /// <summary>Hours of idleness.</summary>
    public double Hours { get; init; }

    /// <summary>Minutes of idleness.</summary>
    public double Minutes { get; init; }

    /// <summary>Seconds of idleness.</summary>
    public double Seconds { get; init; }

    /// <summary>Never collect this grain while its silo runs.</summary>
    public bool AlwaysActive { get; init; }

    private TimeSpan? Amount { get; }

    /// <summary>The effective age limit.</summary>
    public TimeSpan AgeLimit
    {
        get
        {
            if (AlwaysActive)
            {
                return TimeSpan.MaxValue;
            }

            var span = Amount ?? TimeSpan.FromDays(Days) + TimeSpan.FromHours(Hours) + TimeSpan.FromMinutes(Minutes) + TimeSpan.FromSeconds(Seconds);
            return span < MinAgeLimit ? MinAgeLimit : span;
        }
    }
}
