namespace FlashSale.LoadGen.Tests;

[Trait("Category", "Unit")]
public class ResultsReportTests
{
    [Theory]
    [InlineData(new[] { 3.0 }, 3.0)]
    [InlineData(new[] { 9.0, 1.0, 4.0 }, 4.0)]
    [InlineData(new[] { 4.0, 1.0, 9.0, 2.0 }, 3.0)]
    [InlineData(new[] { 1.0, double.PositiveInfinity, 2.0 }, 2.0)]
    [InlineData(new[] { 1.0, double.PositiveInfinity, double.PositiveInfinity }, double.PositiveInfinity)]
    public void Median_OfRounds_IsTheMiddleValue(double[] values, double expected) =>
        Assert.Equal(expected, ResultsReport.Median(values));

    [Fact]
    public void Median_OfNoRounds_IsNaN() => Assert.True(double.IsNaN(ResultsReport.Median([])));
}
