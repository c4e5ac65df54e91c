using FlashSale.Runtime.Invocation;
using FlashSale.Runtime.Networking;

namespace FlashSale.Runtime.Tests.Networking;

[Trait("Category", "Unit")]
public sealed class PendingRequestsTests
{
    [Fact]
    public void RemoveExpired_TakesOnlyRequestsPastDeadline()
    {
        var table = new PendingRequests();
        for (var i = 1; i <= 100; i++)
        {
            table.Add(new UnknownMethodRequest { CorrelationId = i, Deadline = i });
        }

        var expired = new List<RequestBase>();
        table.RemoveExpired(40, expired);

        Assert.Equal(40, expired.Count);
        Assert.All(expired, r => Assert.True(r.Deadline <= 40));
        Assert.Equal(60, table.Count);
        Assert.False(table.TryRemove(10, out _));
        Assert.True(table.TryRemove(50, out var found));
        Assert.Equal(50, found!.CorrelationId);
    }

    [Fact]
    public void RemoveAll_EmptiesTable()
    {
        var table = new PendingRequests();
        for (var i = 0; i < 50; i++)
        {
            table.Add(new UnknownMethodRequest { CorrelationId = i });
        }

        var all = new List<RequestBase>();
        table.RemoveAll(all);

        Assert.Equal(50, all.Count);
        Assert.Equal(0, table.Count);
    }
}
