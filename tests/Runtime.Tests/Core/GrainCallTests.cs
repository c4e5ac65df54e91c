using FlashSale.Runtime.Tests.Grains;
using FlashSale.Runtime.Tests.Infrastructure;

namespace FlashSale.Runtime.Tests.Core;

[Trait("Category", "Unit")]
public sealed class GrainCallTests(SingleSiloFixture fixture) : IClassFixture<SingleSiloFixture>
{
    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Call_ReturnsResultOfGrainMethod()
    {
        var grain = fixture.Client.GetGrain<IEchoGrain>(NewKey());

        Assert.Equal("hello", await grain.Echo("hello"));
        Assert.Equal(5, await grain.Add(2, 3));
    }

    [Fact]
    public async Task GetPrimaryKey_MatchesKeyOfEachKind()
    {
        var key = NewKey();
        var guid = Guid.NewGuid();

        Assert.Equal(key, await fixture.Client.GetGrain<IEchoGrain>(key).GetKey());
        Assert.Equal(guid, await fixture.Client.GetGrain<IGuidKeyGrain>(guid).GetKey());
        Assert.Equal(-42L, await fixture.Client.GetGrain<IIntegerKeyGrain>(-42).GetKey());
        Assert.Equal(long.MaxValue, await fixture.Client.GetGrain<IIntegerKeyGrain>(long.MaxValue).GetKey());
    }

    [Fact]
    public async Task RuntimeIdentity_EqualsSiloAddressOfHostingSilo()
    {
        var identity = await fixture.Client.GetGrain<IEchoGrain>(NewKey()).GetRuntimeIdentity();

        Assert.Equal(fixture.Cluster.Primary.SiloAddress.ToString(), identity);
    }

    [Fact]
    public async Task Call_GrainThrows_CallerGetsSameTypeAndMessageAndGrainKeepsServing()
    {
        var grain = fixture.Client.GetGrain<IEchoGrain>(NewKey());
        var marker = await grain.GetActivationMarker();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Throw("boom 42"));

        Assert.Equal("boom 42", error.Message);
        Assert.Equal("still here", await grain.Echo("still here"));
        Assert.Equal(marker, await grain.GetActivationMarker());
    }

    [Fact]
    public async Task GetGrain_SameKey_SameActivation()
    {
        var key = NewKey();

        var first = await fixture.Client.GetGrain<IEchoGrain>(key).GetActivationMarker();
        var second = await fixture.Client.GetGrain<IEchoGrain>(key).GetActivationMarker();
        var other = await fixture.Client.GetGrain<IEchoGrain>(NewKey()).GetActivationMarker();

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task ConcurrentFirstCalls_CreateOneActivation()
    {
        var key = NewKey();
        var markers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => fixture.Client.GetGrain<IEchoGrain>(key).GetActivationMarker()));

        Assert.Single(markers.Distinct());
        Assert.Equal(1, GrainEvents.Count(key, "activate"));
    }

    // Calls inside a silo (through the silo's own factory) copy mutable arguments and results instead of serializing.
    private IGrainFactory InSilo => fixture.Cluster.Primary.GrainFactory;

    [Fact]
    public async Task MutableArgument_IsCopied_CallerListUnchanged()
    {
        var list = new List<int> { 1, 2 };

        var count = await InSilo.GetGrain<IEchoGrain>(NewKey()).MutateAndCount(list);

        Assert.Equal(3, count);
        Assert.Equal([1, 2], list);
    }

    [Fact]
    public async Task MutableResult_IsCopied_GrainStateUnchanged()
    {
        var grain = InSilo.GetGrain<IEchoGrain>(NewKey());

        var list = await grain.GetList();
        list.Add(1000);

        Assert.Equal([1, 2, 3], await grain.GetList());
    }

    [Fact]
    public async Task ImmutableArgument_IsPassedByReference()
    {
        var grain = InSilo.GetGrain<IEchoGrain>(NewKey());
        var payload = new ImmutablePayload { Text = "shared" };

        await grain.IsSameInstanceAsLast(payload);

        Assert.True(await grain.IsSameInstanceAsLast(payload));
        Assert.False(await grain.IsSameInstanceAsLast(new ImmutablePayload { Text = "shared" }));
    }

    [Fact]
    public async Task OneWay_ReturnsBeforeGrainRuns_AndGrainRunsIt()
    {
        var key = NewKey();
        var turn = fixture.Client.GetGrain<ITurnGrain>(key);
        var echo = fixture.Client.GetGrain<IEchoGrain>(key);
        await echo.Echo("warm up");

        var fire = echo.Fire("a");

        Assert.True(fire.IsCompletedSuccessfully);
        await Wait.UntilAsync(() => GrainEvents.Count(key, "fire:a") == 1, "the one-way call to run");
        Assert.Equal(42, await turn.Ping());
    }

    [Fact]
    public void GetGrain_UnknownInterface_ThrowsClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => fixture.Client.GetGrain<IUnimplementedGrain>("x"));

        Assert.Contains(nameof(IUnimplementedGrain), error.Message, StringComparison.Ordinal);
    }
}

public interface IUnimplementedGrain : IGrainWithStringKey
{
    Task Nothing();
}
