using System.Threading.RateLimiting;
using FlashSale.Client.Api.RateLimiting;
using FlashSale.Runtime.Testing;

namespace FlashSale.Client.Api.Tests;

[Trait("Category", "Unit")]
public sealed class RateLimiterTests
{
    [Fact]
    public void KeyedCells_AdmitEachKeysBurst_ThenRefuseWithRetryAfter_ThenRefillAtTheRate()
    {
        var time = new ManualTimeProvider();
        var cells = new KeyedRateCells(time);

        Assert.Equal(50, Enumerable.Range(0, 80).Count(i => cells.TryAdmit("hot", 100, 0.5, out var _)));
        Assert.False(cells.TryAdmit("hot", 100, 0.5, out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(10), wait);
        Assert.True(cells.TryAdmit("other", 100, 0.5, out _));

        // 100/s: a tenth of a second brings back ten attempts, not more.
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(10, Enumerable.Range(0, 30).Count(i => cells.TryAdmit("hot", 100, 0.5, out var _)));
    }

    [Fact]
    public void KeyedCells_ConcurrentAttempts_AdmitExactlyTheBurst()
    {
        var cells = new KeyedRateCells(new ManualTimeProvider());
        var admitted = 0;

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            if (cells.TryAdmit("hot", 1_000, 2.0, out var _))
            {
                Interlocked.Increment(ref admitted);
            }
        });

        Assert.Equal(2_000, admitted);
    }

    [Theory]
    [InlineData(0.4, "1")]
    [InlineData(1.0, "1")]
    [InlineData(2.2, "3")]
    public void RetryAfterHeader_IsWholeSecondsAtLeastOne(double seconds, string header) =>
        Assert.Equal(header, new RateDecision(false, TimeSpan.FromSeconds(seconds), "sku").RetryAfterHeader);

    [Fact]
    public void HashedCells_AdmitTheBurst_ThenRefuseWithRetryAfter_ThenRefill()
    {
        var time = new ManualTimeProvider();
        var limiter = new HashedCellRateLimiter(1024, time, () => 5, burstSeconds: 1.0);

        for (var i = 0; i < 5; i++)
        {
            Assert.True(limiter.AttemptAcquire("alice").IsAcquired);
        }

        using var refused = limiter.AttemptAcquire("alice");
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(200), wait);

        // One token comes back every 1/5 s, and a quiet second refills the whole burst but no more.
        time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.True(limiter.AttemptAcquire("alice").IsAcquired);
        Assert.False(limiter.AttemptAcquire("alice").IsAcquired);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(5, Enumerable.Range(0, 8).Count(_ => limiter.AttemptAcquire("alice").IsAcquired));
    }

    [Fact]
    public void HashedCells_OtherBuyers_AreNotThrottledByOneBuyer()
    {
        var limiter = new HashedCellRateLimiter(1 << 16, new ManualTimeProvider(), () => 2, burstSeconds: 1.0);
        var other = Enumerable.Range(0, 100).Select(i => $"buyer-{i}").First(b => limiter.CellOf(b) != limiter.CellOf("eager"));

        Assert.Equal(2, Enumerable.Range(0, 10).Count(_ => limiter.AttemptAcquire("eager").IsAcquired));
        Assert.True(limiter.AttemptAcquire(other).IsAcquired);
    }

    [Fact]
    public void HashedCells_RateDropsWithMoreGateways_TheBucketFollows()
    {
        var share = 10;
        var time = new ManualTimeProvider();
        var limiter = new HashedCellRateLimiter(1024, time, () => share, burstSeconds: 1.0);
        Assert.Equal(10, Enumerable.Range(0, 20).Count(_ => limiter.AttemptAcquire("a").IsAcquired));

        share = 5;
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(5, Enumerable.Range(0, 20).Count(_ => limiter.AttemptAcquire("a").IsAcquired));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(3)]
    public void HashedCells_CellCountNotAPowerOfTwo_IsRefused(int cells) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HashedCellRateLimiter(cells, TimeProvider.System, () => 1, 1.0));
}
