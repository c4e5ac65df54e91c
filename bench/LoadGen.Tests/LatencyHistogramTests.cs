namespace FlashSale.LoadGen.Tests;

[Trait("Category", "Unit")]
public class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_of_a_uniform_range_are_within_the_bucket_precision()
    {
        var h = new LatencyHistogram();
        for (var v = 1; v <= 100_000; v++)
        {
            h.Record(v);
        }

        Assert.Equal(100_000, h.Count);
        foreach (var (p, expected) in new[] { (50.0, 50_000L), (90.0, 90_000L), (99.0, 99_000L), (99.9, 99_900L) })
        {
            var actual = h.Percentile(p);
            Assert.InRange(actual, expected, expected + expected / 32);
        }
    }

    [Fact]
    public void Small_values_are_exact_and_merging_adds_counts()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(3);
        b.Record(7);
        b.Record(0);
        a.Add(b);
        Assert.Equal(3, a.Count);
        Assert.Equal(1, a.Percentile(1));
        Assert.Equal(3, a.Percentile(50));
        Assert.Equal(7, a.Percentile(100));
    }

    [Fact]
    public void Empty_histogram_reports_zero() => Assert.Equal(0, new LatencyHistogram().Percentile(99));
}
