namespace FlashSale.Runtime.Reminders;

/// <summary>The handle returned for a registered reminder.</summary>
/// <param name="GrainId">The owning grain.</param>
/// <param name="ReminderName">The reminder's name.</param>
/// <param name="ETag">The row version when the handle was made.</param>
internal sealed record GrainReminder(GrainId GrainId, string ReminderName, string ETag) : IGrainReminder;
