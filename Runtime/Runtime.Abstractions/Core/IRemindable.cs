namespace FlashSale.Runtime;

/// <summary>A grain that receives durable reminders.</summary>
public interface IRemindable : IGrain
{
    /// <summary>Called by the reminder service each time the named reminder is due.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}
