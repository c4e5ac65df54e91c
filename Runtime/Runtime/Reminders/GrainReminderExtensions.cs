using FlashSale.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Runtime;

/// <summary>Reminder registration from inside a grain that implements <see cref="IRemindable"/>.</summary>
public static class GrainReminderExtensions
{
    /// <summary>Registers or updates a durable reminder of this grain.</summary>
    public static Task<IGrainReminder> RegisterOrUpdateReminder(this IGrainBase grain, string reminderName, TimeSpan dueTime, TimeSpan period) =>
        GetService(grain).RegisterOrUpdateReminderAsync(grain.GrainContext.GrainId, reminderName, dueTime, period);

    /// <summary>Gets a reminder of this grain by name, or null.</summary>
    public static Task<IGrainReminder?> GetReminder(this IGrainBase grain, string reminderName) =>
        GetService(grain).GetReminderAsync(grain.GrainContext.GrainId, reminderName);

    /// <summary>Gets every reminder of this grain.</summary>
    public static Task<IReadOnlyList<IGrainReminder>> GetReminders(this IGrainBase grain) =>
        GetService(grain).GetRemindersAsync(grain.GrainContext.GrainId);

    /// <summary>Removes a reminder of this grain.</summary>
    public static Task UnregisterReminder(this IGrainBase grain, IGrainReminder reminder) =>
        GetService(grain).UnregisterReminderAsync(grain.GrainContext.GrainId, reminder);

    private static IReminderService GetService(IGrainBase grain)
    {
        if (grain is not IRemindable)
        {
            throw new InvalidOperationException($"Grain '{grain.GetType().FullName}' must implement IRemindable to use reminders.");
        }

        return grain.GrainContext.ActivationServices.GetService<IReminderService>()
            ?? throw new InvalidOperationException("No reminder service is configured: call UseInMemoryReminderService() (or another reminder provider) on the silo builder.");
    }
}
