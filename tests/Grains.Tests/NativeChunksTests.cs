using FlashSale.Grains.Orders.Memory;

namespace FlashSale.Grains.Tests;

[Trait("Category", "Unit")]
public sealed class NativeChunksTests
{
    [Fact]
    public void TextArena_ReturnsEveryText_AcrossChunks_IncludingEmptyAndLongerThanAChunk()
    {
        var arena = new TextArena();
        var texts = Enumerable.Range(0, 5_000).Select(i => $"order-{i}-{new string((char)('a' + (i % 26)), i % 40)}").ToList();
        texts.Insert(17, string.Empty);
        texts.Insert(2_000, new string('x', 40_000));

        var refs = texts.Select(arena.Append).ToList();

        for (var i = 0; i < texts.Count; i++)
        {
            Assert.Equal(texts[i], arena.String(refs[i]));
            Assert.True(arena.Equals(refs[i], texts[i]));
        }

        Assert.False(arena.Equals(refs[0], texts[1]));
        Assert.True(refs.Max(r => r.Chunk) >= 3);
    }

    [Fact]
    public async Task ChunkedList_KeepsItemsInPlace_WhileAReaderRunsBesideTheWriter()
    {
        const int Items = 300_000;
        var list = new ChunkedList<long>();
        using var started = new ManualResetEventSlim();
        var reading = Task.Run(() =>
        {
            started.Set();
            while (list.Count < Items)
            {
                var count = list.Count;
                for (var i = Math.Max(0, count - 64); i < count; i++)
                {
                    Assert.Equal(i * 3L, list[i]);
                }
            }
        });

        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
        for (var i = 0; i < Items; i++)
        {
            Assert.Equal(i, list.Add(i * 3L));
        }

        await reading.WaitAsync(TimeSpan.FromSeconds(30));
        list[5] = -1;
        Assert.Equal(-1, list[5]);
        for (var i = 6; i < Items; i++)
        {
            Assert.Equal(i * 3L, list[i]);
        }
    }
}
