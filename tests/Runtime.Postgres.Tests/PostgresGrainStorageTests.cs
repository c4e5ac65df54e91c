using FlashSale.Runtime.Postgres.Storage;
using FlashSale.Runtime.Postgres.Tests.Infrastructure;
using FlashSale.Runtime.Serialization;
using FlashSale.Runtime.Tests.Grains;

namespace FlashSale.Runtime.Postgres.Tests;

/// <summary>What the PostgreSQL grain storage adds to the contract: batched writes, version history, service scoping, retried writes.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresGrainStorageTests(PostgresSchemaFixture fixture) : IClassFixture<PostgresSchemaFixture>
{
    private readonly PostgresGrainStorage _storage = PostgresClusterTestKit.Storage(fixture, $"service-{Guid.NewGuid():N}");

    private static GrainId NewGrain() => GrainId.Create("pg", Guid.NewGuid());

    [Fact]
    public async Task WriteStates_OneRoundTrip_WritesEveryItem_AndReportsConflictsPerItem()
    {
        var items = Enumerable.Range(0, 100)
            .Select(i => new GrainStateWrite<CounterState>("s", NewGrain(), new GrainState<CounterState>(new CounterState { Value = i })))
            .ToList();
        Assert.All(await _storage.WriteStatesAsync(items), r => Assert.True(r.Written));
        var stale = items.Take(10).Select(i => i.State.ETag).ToList();
        foreach (var item in items)
        {
            item.State.State.Value += 1000;
        }

        // Ten items are overwritten by someone else first: only they conflict, the other 90 are written.
        for (var i = 0; i < 10; i++)
        {
            await _storage.WriteStateAsync("s", items[i].GrainId, new GrainState<CounterState>(new CounterState { Value = -1 }) { ETag = stale[i], RecordExists = true });
        }

        var results = await _storage.WriteStatesAsync(items);

        Assert.Equal(10, results.Count(r => !r.Written));
        Assert.All(results.Take(10), r => Assert.IsType<InconsistentStateException>(r.Conflict));
        Assert.All(results.Skip(10), r => Assert.True(r.Written));
        for (var i = 0; i < items.Count; i++)
        {
            var read = new GrainState<CounterState>(new CounterState());
            await _storage.ReadStateAsync("s", items[i].GrainId, read);
            Assert.Equal(i < 10 ? -1 : i + 1000, read.State.Value);
            if (i >= 10)
            {
                Assert.Equal(items[i].State.ETag, read.ETag);
            }
        }
    }

    [Fact]
    public async Task ClearThenWrite_NeverHandsOutAnOldEtagAgain()
    {
        var grain = NewGrain();
        var first = new GrainState<CounterState>(new CounterState { Value = 1 });
        await _storage.WriteStateAsync("s", grain, first);
        var holder = new GrainState<CounterState>(new CounterState()) { ETag = first.ETag, RecordExists = true };
        await _storage.ClearStateAsync("s", grain, first);

        var second = new GrainState<CounterState>(new CounterState { Value = 2 });
        await _storage.WriteStateAsync("s", grain, second);

        Assert.NotEqual(holder.ETag, second.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("s", grain, holder));
    }

    [Fact]
    public async Task States_AreScopedByServiceId()
    {
        var other = PostgresClusterTestKit.Storage(fixture, $"other-{Guid.NewGuid():N}");
        var grain = NewGrain();
        await _storage.WriteStateAsync("s", grain, new GrainState<CounterState>(new CounterState { Value = 1 }));

        var read = new GrainState<CounterState>(new CounterState());
        await other.ReadStateAsync("s", grain, read);

        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task RetriedWrite_WhoseFirstAttemptCommitted_RecognizesItsOwnWrite()
    {
        var grain = NewGrain();
        var operation = new GrainStateOperation(GrainStateOperationKind.Write, "s", grain, null, Serializer.Serialize(new CounterState { Value = 5 }));
        var sql = new GrainStorageSql(fixture.Schema);

        var first = await RunAsync(operation, sql);
        var retry = await RunAsync(operation, sql);
        var someoneElse = await RunAsync(new GrainStateOperation(GrainStateOperationKind.Write, "s", grain, null, operation.Payload), sql);

        Assert.True(first.Succeeded);
        Assert.False(first.RecoveredOwnWrite);
        Assert.True(retry.Succeeded);
        Assert.True(retry.RecoveredOwnWrite);
        Assert.Equal(first.ETag, retry.ETag);
        Assert.False(someoneElse.Succeeded);
        Assert.Equal(first.ETag, someoneElse.StoredEtag);
    }

    private async Task<GrainStateOutcome> RunAsync(GrainStateOperation operation, GrainStorageSql sql)
    {
        await fixture.Database.EnsureSchemaAsync(fixture.Schema, new PostgresResilience("test", fixture.Options(), fixture.Database.Breaker, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance), default);
        await using var batch = fixture.Database.DataSource.CreateBatch();
        batch.BatchCommands.Add(operation.ToCommand(sql, _storage.ServiceId));
        await using var reader = await batch.ExecuteReaderAsync();
        return await operation.ReadOutcomeAsync(reader, default);
    }
}
