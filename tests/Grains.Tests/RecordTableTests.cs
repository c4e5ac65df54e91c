using FlashSale.Grains.Orders.Memory;

namespace FlashSale.Grains.Tests;

[Trait("Category", "Unit")]
public sealed class RecordTableTests
{
    [Fact]
    public void FindAndReplace_ThroughIncrementalDoublings_SeeExactlyWhatWasAdded()
    {
        var table = new RecordTable();
        var model = new Dictionary<int, List<long>>();
        var random = new Random(5);
        var sawMigration = false;
        for (var value = 0L; value < 50_000; value++)
        {
            // Few distinct hashes among many values: long probe chains, duplicates under one hash, and chains that
            // cross the moved and unmoved parts of the old slots during a doubling.
            var hash = random.Next(4) == 0 ? random.Next(64) : random.Next();
            table.Add(hash, value);
            (model.TryGetValue(hash, out var values) ? values : model[hash] = []).Add(value);
            sawMigration |= table.IsMigrating;

            if (random.Next(8) == 0)
            {
                var (someHash, someValues) = model.ElementAt(random.Next(model.Count));
                var index = random.Next(someValues.Count);
                var replacement = 1_000_000 + value;
                Assert.True(table.Replace(someHash, someValues[index], replacement));
                someValues[index] = replacement;
            }

            if (value % 97 == 0)
            {
                foreach (var (h, expected) in model.OrderBy(_ => random.Next()).Take(20))
                {
                    Assert.Equal(expected.Order(), Values(table, h).Order());
                }
            }
        }

        Assert.True(sawMigration);
        Assert.Equal(50_000, table.Count);
        Assert.All(model, pair => Assert.Equal(pair.Value.Order(), Values(table, pair.Key).Order()));
        Assert.False(table.Replace(12345, -5, 7));
        Assert.Empty(Values(table, int.MinValue));
    }

    private static List<long> Values(RecordTable table, int hash)
    {
        var values = new List<long>();
        foreach (var value in table.Find(hash))
        {
            values.Add(value);
        }

        return values;
    }
}
