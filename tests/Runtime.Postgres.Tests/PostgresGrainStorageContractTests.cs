using FlashSale.Runtime.Postgres.Storage;
using FlashSale.Runtime.Postgres.Tests.Infrastructure;
using FlashSale.Runtime.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.Runtime.Postgres.Tests;

/// <summary>The grain storage contract (the same suite as the memory provider's) against PostgreSQL.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresGrainStorageContractTests(PostgresSchemaFixture fixture) : GrainStorageContractTests, IClassFixture<PostgresSchemaFixture>
{
    protected override IGrainStorage Storage { get; } = new PostgresGrainStorage(
        "contract",
        $"service-{Guid.NewGuid():N}",
        fixture.Options(),
        fixture.Database,
        TimeProvider.System,
        NullLogger<PostgresGrainStorage>.Instance);
}
