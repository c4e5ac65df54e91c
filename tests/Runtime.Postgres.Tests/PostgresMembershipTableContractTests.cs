using FlashSale.Runtime.Membership;
using FlashSale.Runtime.Postgres.Membership;
using FlashSale.Runtime.Postgres.Tests.Infrastructure;
using FlashSale.Runtime.Tests.Membership;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.Runtime.Postgres.Tests;

/// <summary>The membership table contract (the same suite as the in-memory table's) against PostgreSQL; each test gets its own cluster id.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresMembershipTableContractTests(PostgresSchemaFixture fixture) : MembershipTableContractTests, IClassFixture<PostgresSchemaFixture>
{
    protected override IMembershipTable CreateTable() => new PostgresMembershipTable(
        $"cluster-{Guid.NewGuid():N}",
        fixture.Options(),
        fixture.Database,
        TimeProvider.System,
        NullLogger<PostgresMembershipTable>.Instance);
}
