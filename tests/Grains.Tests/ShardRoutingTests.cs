namespace FlashSale.Grains.Tests;

[Trait("Category", "Unit")]
public sealed class ShardRoutingTests
{
    private static readonly int[] EarlierCounts = [48, 24, 12, 6];

    [Theory]
    [InlineData(13, 16, 2, new[] { 13, 5, 1 })]
    [InlineData(5, 16, 2, new[] { 5, 1 })]
    [InlineData(1, 16, 2, new[] { 1 })]
    [InlineData(3, 4, 0, new[] { 3 })]
    [InlineData(20, 24, 1, new[] { 20, 8 })]
    public void Lineage_IsTheShardAndItsAncestorsUnderEachEarlierCount(int index, int shardCount, int generation, int[] expected) =>
        Assert.Equal(expected, ShardRouting.Lineage(index, shardCount, generation));

    [Fact]
    public void Lineage_HoldsEveryShardABuyerWasEverRoutedTo()
    {
        for (var i = 0; i < 5_000; i++)
        {
            var user = $"user-{i}";
            var lineage = ShardRouting.Lineage(ShardRouting.ShardFor(user, 48), 48, 3);
            Assert.All(EarlierCounts, count => Assert.Contains(ShardRouting.ShardFor(user, count), lineage));
        }
    }

    [Fact]
    public void Lineage_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardRouting.Lineage(4, 4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardRouting.Lineage(0, 4, 3));
    }
}
