using FlashSale.Runtime.Tests.Grains;
using FlashSale.Runtime.Tests.Infrastructure;

namespace FlashSale.Runtime.Tests.Core;

[Trait("Category", "Unit")]
public sealed class TurnSchedulingTests(SingleSiloFixture fixture) : IClassFixture<SingleSiloFixture>
{
    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task NonReentrantGrain_ConcurrentRequests_NeverInterleave()
    {
        var grain = fixture.Client.GetGrain<ITurnGrain>(NewKey());

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => grain.Work()));

        Assert.Equal(1, await grain.GetMaxConcurrency());
    }

    [Fact]
    public async Task ReentrantGrain_ConcurrentRequests_Interleave()
    {
        var grain = fixture.Client.GetGrain<IReentrantTurnGrain>(NewKey());

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => grain.Work()));

        Assert.True(await grain.GetMaxConcurrency() > 1);
    }

    [Fact]
    public async Task NonReentrantGrain_PlainRequestWaitsForBlockedOne_AlwaysInterleaveDoesNot()
    {
        var grain = fixture.Client.GetGrain<ITurnGrain>(NewKey());
        var blocked = grain.Block();
        await Wait.UntilAsync(() => grain.IsBlocked(), "the first request to hold the grain");

        var ping = grain.Ping();
        Assert.True(await grain.IsBlocked());

        Assert.False(ping.IsCompleted);
        await grain.Release();
        await blocked;
        Assert.Equal(42, await ping);
    }

    [Fact]
    public async Task ReadOnlyRequests_InterleaveWithEachOther_ButNotWithWrites()
    {
        var grain = fixture.Client.GetGrain<ITurnGrain>(NewKey());
        var blockedRead = grain.BlockRead();
        await Wait.UntilAsync(() => grain.IsBlocked(), "the read-only request to hold the grain");

        var write = grain.Ping();
        Assert.Equal(7, await grain.Read());

        Assert.False(write.IsCompleted);
        await grain.Release();
        await blockedRead;
        Assert.Equal(42, await write);
    }

    [Fact]
    public async Task ReentrantGrain_PlainRequestRunsWhileAnotherIsBlocked()
    {
        var grain = fixture.Client.GetGrain<IReentrantTurnGrain>(NewKey());
        var blocked = grain.Block();
        await Wait.UntilAsync(() => grain.IsBlocked(), "the first request to hold the grain");

        Assert.Equal(42, await grain.Ping());

        await grain.Release();
        await blocked;
    }
}
