namespace FlashSale.Runtime.Tests.Grains;

public interface IReminderTestGrain : IGrainWithStringKey
{
    Task Register(string name, TimeSpan due, TimeSpan period);

    Task Unregister(string name);

    Task<bool> HasReminder(string name);

    Task Deactivate();
}

public sealed class ReminderTestGrain : Grain, IReminderTestGrain, IRemindable
{
    public Task Register(string name, TimeSpan due, TimeSpan period) => this.RegisterOrUpdateReminder(name, due, period);

    public async Task Unregister(string name)
    {
        var reminder = await this.GetReminder(name) ?? throw new InvalidOperationException($"No reminder {name}.");
        await this.UnregisterReminder(reminder);
    }

    public async Task<bool> HasReminder(string name) => await this.GetReminder(name) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        GrainEvents.Record(this.GetPrimaryKeyString(), $"tick:{reminderName}");
        return Task.CompletedTask;
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
