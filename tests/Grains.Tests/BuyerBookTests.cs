using FlashSale.Grains.Sales;

namespace FlashSale.Grains.Tests;

[Trait("Category", "Unit")]
public sealed class BuyerBookTests
{
    private static PurchaseResult Purchase(string user, string request, string orderId, string? message = null) => new(
        PurchaseOutcome.Purchased,
        new Order
        {
            OrderId = orderId,
            Sku = "sku",
            UserId = user,
            Quantity = 2,
            Price = 9.99m,
            CreatedAt = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.FromHours(-5)),
            RequestId = request,
            Shard = 3,
            Epoch = 12,
        },
        message);

    [Fact]
    public void TryGet_AfterRemember_ReturnsAnEqualAnswer_ForEachOfABuyersRequests()
    {
        var book = new BuyerBook("sku");
        var answers = Enumerable.Range(0, 5).Select(i => Purchase("alice", $"r{i}", $"o{i}", i == 2 ? "Already purchased with this request id." : null)).ToList();
        foreach (var answer in answers)
        {
            book.Remember("alice", answer);
        }

        Assert.Equal(5, book.Count);
        foreach (var answer in answers)
        {
            Assert.True(book.TryGet("alice", answer.Order!.RequestId, out var kept));
            Assert.Equal(answer, kept);
        }

        Assert.False(book.TryGet("alice", "r9", out _));
        Assert.False(book.TryGet("bob", "r0", out _));
    }

    [Fact]
    public void Remember_SameRequestTwice_KeepsTheFirstAnswer()
    {
        var book = new BuyerBook("sku");
        book.Remember("alice", Purchase("alice", "r", "first"));
        book.Remember("alice", Purchase("alice", "r", "second"));

        Assert.Equal(1, book.Count);
        Assert.True(book.TryGet("alice", "r", out var kept));
        Assert.Equal("first", kept.Order!.OrderId);
    }

    [Fact]
    public void For_ReturnsTheAnswersOfTheAcceptedBuyersOnly()
    {
        var book = new BuyerBook("sku");
        for (var i = 0; i < 1_000; i++)
        {
            book.Remember($"u{i}", Purchase($"u{i}", "r", $"o{i}"));
        }

        book.Remember("u7", Purchase("u7", "again", "o-again"));

        var handed = book.AnswersFor(user => user.EndsWith('7'));

        Assert.Equal(101, handed.Count);
        Assert.All(handed, a => Assert.EndsWith("7", a.Order!.UserId, StringComparison.Ordinal));
        Assert.Contains(handed, a => a.Order!.OrderId == "o-again");
    }

    [Fact]
    public void UnitsOf_TracksEveryBuyer_AcrossTableAndChunkGrowth()
    {
        var book = new BuyerBook("sku");
        Assert.Equal(0, book.UnitsOf("nobody"));

        for (var i = 0; i < 20_000; i++)
        {
            book.SetUnits($"buyer-{i}", 1 + (i % 3));
        }

        book.SetUnits("buyer-5", 0);

        Assert.Equal(20_000, book.BuyerCount);
        Assert.Equal(0, book.UnitsOf("buyer-5"));
        Assert.Equal(0, book.UnitsOf("buyer-20000"));
        for (var i = 0; i < 20_000; i += 7)
        {
            Assert.Equal(i == 5 ? 0 : 1 + (i % 3), book.UnitsOf($"buyer-{i}"));
        }
    }

    [Fact]
    public void UnitsFor_ReturnsTheAcceptedBuyersHoldingUnits_AndSharesBuyersWithTheirAnswers()
    {
        var book = new BuyerBook("sku");
        book.SetUnits("alice", 2);
        book.SetUnits("bob", 0);
        book.SetUnits("carol", 1);
        book.Remember("alice", Purchase("alice", "r", "o1"));
        book.Remember("dave", Purchase("dave", "r", "o2"));

        var units = book.UnitsFor(user => user != "carol");

        Assert.Equal(new Dictionary<string, int> { ["alice"] = 2 }, units);
        Assert.Equal(4, book.BuyerCount);
        Assert.Equal(0, book.UnitsOf("dave"));
        Assert.True(book.TryGet("alice", "r", out var kept));
        Assert.Equal("alice", kept.Order!.UserId);
    }
}
