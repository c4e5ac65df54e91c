namespace FlashSale.Grains.Tests;

[Trait("Category", "Unit")]
public sealed class ReplicaKeysTests
{
    [Theory]
    [InlineData("phone", 0, "phone")]
    [InlineData("phone", 3, "phone#3")]
    public void ReplicaKeys_RoundTrip(string sku, int replica, string key)
    {
        Assert.Equal(key, ReplicaKeys.For(sku, replica));
        Assert.Equal(sku, ReplicaKeys.SkuOf(key));
    }

    [Fact]
    public void ReplicaKeys_Pick_SpreadsOverTheReplicaCount()
    {
        var keys = Enumerable.Range(0, 100).Select(i => ReplicaKeys.Pick("phone", 4, (uint)i)).ToHashSet();

        Assert.Equal(["phone", "phone#1", "phone#2", "phone#3"], keys.Order(StringComparer.Ordinal));
        Assert.Equal("phone", ReplicaKeys.Pick("phone", 0, 7));
    }
}
