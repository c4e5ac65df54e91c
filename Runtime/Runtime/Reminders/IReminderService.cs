namespace FlashSale.Runtime.Reminders;

/// <summary>Registers durable reminders and delivers their ticks to grains.</summary>
public interface IReminderService
{
    /// <summary>Registers a reminder or changes the timing of an existing one.</summary>
    Task<IGrainReminder> RegisterOrUpdateReminderAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period);

    /// <summary>Removes a reminder.</summary>
    Task UnregisterReminderAsync(GrainId grainId, IGrainReminder reminder);

    /// <summary>Gets a reminder by name, or null.</summary>
    Task<IGrainReminder?> GetReminderAsync(GrainId grainId, string reminderName);

    /// <summary>Gets all reminders of a grain.</summary>
    Task<IReadOnlyList<IGrainReminder>> GetRemindersAsync(GrainId grainId);
}
