using FlashSale.Runtime.Serialization;

namespace FlashSale.Runtime.Tests.Serialization;

[Trait("Category", "Unit")]
public sealed class PooledBufferWriterTests
{
    [Fact]
    public void Write_BeyondCapacity_GrowsAndKeepsBytes()
    {
        using var writer = new PooledBufferWriter(16);
        for (var i = 0; i < 10_000; i++)
        {
            writer.GetSpan(1)[0] = (byte)i;
            writer.Advance(1);
        }

        Assert.Equal(10_000, writer.WrittenCount);
        Assert.Equal(unchecked((byte)9_999), writer.WrittenSpan[9_999]);
        Assert.Equal((byte)0, writer.WrittenSpan[0]);
    }

    [Fact]
    public void Reset_KeepsBufferAndForgetsBytes()
    {
        using var writer = new PooledBufferWriter();
        writer.GetSpan(100);
        writer.Advance(100);
        var capacity = writer.Capacity;
        writer.Reset();
        Assert.Equal(0, writer.WrittenCount);
        Assert.Equal(capacity, writer.Capacity);
    }

    [Fact]
    public void Advance_PastTheBuffer_Throws()
    {
        using var writer = new PooledBufferWriter(16);
        var available = writer.GetSpan().Length;
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(available + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(-1));
    }

    [Fact]
    public void Dispose_ThenWrite_RentsAgain()
    {
        var writer = new PooledBufferWriter();
        writer.Dispose();
        writer.GetSpan(10)[0] = 1;
        writer.Advance(1);
        Assert.Equal([1], writer.ToArray());
        writer.Dispose();
    }

    [Fact]
    public void Serialize_IntoBufferWriter_MatchesByteArray()
    {
        using var writer = new PooledBufferWriter();
        Serializer.Serialize(new List<string> { "a", "b" }, writer);
        Assert.Equal(Serializer.Serialize(new List<string> { "a", "b" }), writer.ToArray());
    }
}
