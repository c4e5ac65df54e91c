using System.Reflection;
using FlashSale.Runtime.Testing;

namespace FlashSale.Runtime.Postgres.Tests.Infrastructure;

/// <summary>
/// How many reminders a silo's reminder service runs timers for (its internal LocalReminderCount, read by
/// reflection: the runtime does not expose it to this assembly), so a test can prove that a killed silo owned some.
/// </summary>
public static class ReminderOwnership
{
    private static readonly Type ServiceType = typeof(SiloHandle).Assembly.GetReferencedAssemblies()
        .Select(Assembly.Load)
        .Select(a => a.GetType("FlashSale.Runtime.Reminders.ReminderService"))
        .First(t => t is not null)!;

    private static readonly PropertyInfo Count = ServiceType.GetProperty("LocalReminderCount")
        ?? throw new InvalidOperationException("ReminderService.LocalReminderCount is gone.");

    public static int LocalReminderCount(SiloHandle silo) =>
        silo.ServiceProvider.GetService(ServiceType) is { } service ? (int)Count.GetValue(service)! : 0;
}
