using FlashSale.Runtime.Tests.Grains;

namespace FlashSale.Runtime.Tests.Storage;

/// <summary>
/// The grain storage provider contract, written once and run against every provider (a subclass per
/// provider supplies it): read of a missing record, write then read, clear, ETag conflicts, large state,
/// concurrent writers.
/// </summary>
public abstract class GrainStorageContractTests
{
    protected abstract IGrainStorage Storage { get; }

    private static GrainId NewGrain() => GrainId.Create("contract", Guid.NewGuid());

    [Fact]
    public async Task Read_MissingRecord_NoEtagAndStateUntouched()
    {
        var state = new GrainState<CounterState>(new CounterState { Value = 5 });

        await Storage.ReadStateAsync("s", NewGrain(), state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(5, state.State.Value);
    }

    [Fact]
    public async Task Write_ThenRead_ReturnsWrittenStateAndEtag()
    {
        var grain = NewGrain();
        var written = new GrainState<CounterState>(new CounterState { Value = 7, History = ["a", "b"] });

        await Storage.WriteStateAsync("s", grain, written);
        var read = new GrainState<CounterState>(new CounterState());
        await Storage.ReadStateAsync("s", grain, read);

        Assert.NotNull(written.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(7, read.State.Value);
        Assert.Equal(["a", "b"], read.State.History);
    }

    [Fact]
    public async Task Write_ChangesEtagEachTime()
    {
        var grain = NewGrain();
        var state = new GrainState<CounterState>(new CounterState());

        await Storage.WriteStateAsync("s", grain, state);
        var first = state.ETag;
        await Storage.WriteStateAsync("s", grain, state);

        Assert.NotEqual(first, state.ETag);
    }

    [Fact]
    public async Task Write_StaleEtag_ThrowsInconsistentStateAndKeepsStoredState()
    {
        var grain = NewGrain();
        var a = new GrainState<CounterState>(new CounterState { Value = 1 });
        await Storage.WriteStateAsync("s", grain, a);
        var b = new GrainState<CounterState>(new CounterState());
        await Storage.ReadStateAsync("s", grain, b);
        b.State.Value = 2;
        await Storage.WriteStateAsync("s", grain, b);

        a.State.Value = 3;
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("s", grain, a));

        var read = new GrainState<CounterState>(new CounterState());
        await Storage.ReadStateAsync("s", grain, read);
        Assert.Equal(2, read.State.Value);
    }

    [Fact]
    public async Task Write_NewRecordButRecordExists_ThrowsInconsistentState()
    {
        var grain = NewGrain();
        await Storage.WriteStateAsync("s", grain, new GrainState<CounterState>(new CounterState { Value = 1 }));

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("s", grain, new GrainState<CounterState>(new CounterState { Value = 9 })));
    }

    [Fact]
    public async Task Clear_RemovesRecord_StaleClearThrows()
    {
        var grain = NewGrain();
        var state = new GrainState<CounterState>(new CounterState { Value = 1 });
        await Storage.WriteStateAsync("s", grain, state);
        var stale = new GrainState<CounterState>(new CounterState()) { ETag = "not-the-etag", RecordExists = true };

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("s", grain, stale));
        await Storage.ClearStateAsync("s", grain, state);

        var read = new GrainState<CounterState>(new CounterState());
        await Storage.ReadStateAsync("s", grain, read);
        Assert.False(read.RecordExists);
        Assert.Null(state.ETag);
    }

    [Fact]
    public async Task StateNames_AreIndependent()
    {
        var grain = NewGrain();
        await Storage.WriteStateAsync("one", grain, new GrainState<CounterState>(new CounterState { Value = 1 }));
        await Storage.WriteStateAsync("two", grain, new GrainState<CounterState>(new CounterState { Value = 2 }));

        var one = new GrainState<CounterState>(new CounterState());
        await Storage.ReadStateAsync("one", grain, one);

        Assert.Equal(1, one.State.Value);
    }

    [Fact]
    public async Task LargeState_RoundTrips()
    {
        var grain = NewGrain();
        var history = Enumerable.Range(0, 20_000).Select(i => $"entry-{i}-{new string('x', 40)}").ToList();
        await Storage.WriteStateAsync("s", grain, new GrainState<CounterState>(new CounterState { Value = 1, History = history }));

        var read = new GrainState<CounterState>(new CounterState());
        await Storage.ReadStateAsync("s", grain, read);

        Assert.Equal(history, read.State.History);
    }

    [Fact]
    public async Task ConcurrentWritersFromOneEtag_ExactlyOneWins()
    {
        var grain = NewGrain();
        var initial = new GrainState<CounterState>(new CounterState());
        await Storage.WriteStateAsync("s", grain, initial);

        var writers = Enumerable.Range(0, 16).Select(i => new GrainState<CounterState>(new CounterState { Value = i }) { ETag = initial.ETag, RecordExists = true }).ToList();
        var results = await Task.WhenAll(writers.Select(async w =>
        {
            try
            {
                await Storage.WriteStateAsync("s", grain, w);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Equal(1, results.Count(r => r));
        var read = new GrainState<CounterState>(new CounterState());
        await Storage.ReadStateAsync("s", grain, read);
        Assert.Equal(writers[Array.IndexOf(results, true)].State.Value, read.State.Value);
    }
}
