namespace FlashSale.Runtime.Configuration;

/// <summary>Reminder service settings.</summary>
public sealed class ReminderOptions
{
    /// <summary>The shortest period a reminder may have (Orleans fixes one minute; here it is configurable).</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the service re-reads the reminder table for reminders it owns.</summary>
    public TimeSpan RefreshReminderListPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Returns the problems with these options, if any.</summary>
    public IEnumerable<string> Validate()
    {
        if (MinimumReminderPeriod <= TimeSpan.Zero)
        {
            yield return "Reminders:MinimumReminderPeriod must be positive.";
        }

        if (RefreshReminderListPeriod <= TimeSpan.Zero)
        {
            yield return "Reminders:RefreshReminderListPeriod must be positive.";
        }
    }
}
