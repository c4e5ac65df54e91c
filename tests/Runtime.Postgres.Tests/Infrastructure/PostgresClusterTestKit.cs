using FlashSale.Runtime.Postgres.Membership;
using FlashSale.Runtime.Postgres.Reminders;
using FlashSale.Runtime.Postgres.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.Runtime.Postgres.Tests.Infrastructure;

/// <summary>Direct access to a test cluster's PostgreSQL tables, beside the silos.</summary>
public static class PostgresClusterTestKit
{
    public static PostgresMembershipTable Table(PostgresSchemaFixture fixture, string clusterId) =>
        new(clusterId, fixture.Options(), fixture.Database, TimeProvider.System, NullLogger<PostgresMembershipTable>.Instance);

    public static PostgresReminderTable Reminders(PostgresSchemaFixture fixture, string serviceId) =>
        new(serviceId, fixture.Options(), fixture.Database, TimeProvider.System, NullLogger<PostgresReminderTable>.Instance);

    public static PostgresGrainStorage Storage(PostgresSchemaFixture fixture, string serviceId) =>
        new("Default", serviceId, fixture.Options(), fixture.Database, TimeProvider.System, NullLogger<PostgresGrainStorage>.Instance);
}
