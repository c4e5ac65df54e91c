using FlashSale.Client.Api.Configuration;

namespace FlashSale.Client.Api.Tests;

[Trait("Category", "Unit")]
public sealed class AuthOptionsTests
{
    [Fact]
    public void Validate_Defaults_DevelopmentModeWith30SecondSkew()
    {
        var options = new AuthOptions();

        Assert.Empty(options.Validate());
        Assert.False(options.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ClockSkew);
    }

    [Theory]
    [InlineData("0123456789012345678901234567890", false)]
    [InlineData("01234567890123456789012345678901", true)]
    [InlineData("éééééééééééééééé", true)]
    [InlineData("ééééééééééééééé", false)]
    public void Validate_SigningKey_NeedsAtLeast32Utf8Bytes(string key, bool valid)
    {
        var problems = new AuthOptions { SigningKey = key }.Validate().ToList();

        Assert.Equal(valid, problems.Count == 0);
        Assert.All(problems, p => Assert.Contains("at least 32 bytes", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AudienceWithoutKey_AndNegativeSkew_BothListed()
    {
        var problems = new AuthOptions { Audience = "gateway", ClockSkew = TimeSpan.FromSeconds(-1) }.Validate().ToList();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("FlashSale:Auth:SigningKey", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ClockSkew", StringComparison.Ordinal));
    }
}
