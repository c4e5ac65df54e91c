using FlashSale.Client.Api.RateLimiting;

namespace FlashSale.Client.Api.Tests;

[Trait("Category", "Unit")]
public sealed class RateLimiterTests
{
    [Theory]
    [InlineData(1, 1.0, 1, 1000)]
    [InlineData(4, 1.0, 1, 250)]
    [InlineData(10, 1.0, 1, 100)]
    [InlineData(50_000, 1.0, 5_000, 100)]
    [InlineData(50_000, 0.5, 5_000, 100)]
    public void BucketFor_RefillsAtTheRate_AndHoldsTheBurst(int perSecond, double burstSeconds, int tokensPerPeriod, int periodMilliseconds)
    {
        var bucket = PurchaseRateLimiter.BucketFor(perSecond, burstSeconds);

        Assert.Equal(tokensPerPeriod, bucket.TokensPerPeriod);
        Assert.Equal(TimeSpan.FromMilliseconds(periodMilliseconds), bucket.ReplenishmentPeriod);
        Assert.Equal(Math.Max(1, (int)Math.Ceiling(perSecond * burstSeconds)), bucket.TokenLimit);
        Assert.Equal(0, bucket.QueueLimit);
        var perSecondDelivered = bucket.TokensPerPeriod / bucket.ReplenishmentPeriod.TotalSeconds;
        Assert.InRange(perSecondDelivered, perSecond * 0.95, perSecond * 1.05);
    }

    [Theory]
    [InlineData(0.4, "1")]
    [InlineData(1.0, "1")]
    [InlineData(2.2, "3")]
    public void RetryAfterHeader_IsWholeSecondsAtLeastOne(double seconds, string header) =>
        Assert.Equal(header, new RateDecision(false, TimeSpan.FromSeconds(seconds), "sku").RetryAfterHeader);
}
