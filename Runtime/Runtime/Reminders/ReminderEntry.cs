namespace FlashSale.Runtime.Reminders;

/// <summary>A row of the reminder table.</summary>
public sealed record ReminderEntry
{
    /// <summary>The grain the reminder belongs to.</summary>
    public required GrainId GrainId { get; init; }

    /// <summary>The reminder's name, unique per grain.</summary>
    public required string ReminderName { get; init; }

    /// <summary>When the first tick is due (UTC).</summary>
    public required DateTime StartAt { get; init; }

    /// <summary>The time between ticks.</summary>
    public required TimeSpan Period { get; init; }

    /// <summary>The row version; assigned by the table.</summary>
    public string? ETag { get; init; }
}
