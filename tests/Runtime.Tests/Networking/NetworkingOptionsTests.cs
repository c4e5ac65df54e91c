using FlashSale.Runtime.Configuration;

namespace FlashSale.Runtime.Tests.Networking;

[Trait("Category", "Unit")]
public sealed class NetworkingOptionsTests
{
    [Fact]
    public void Validate_Defaults_NoProblems() => Assert.Empty(new NetworkingOptions().Validate());

    [Fact]
    public void Validate_BadValues_ReportsEach()
    {
        var options = new NetworkingOptions
        {
            MaxFrameSize = 10,
            ConnectTimeout = TimeSpan.Zero,
            HandshakeTimeout = TimeSpan.FromSeconds(-1),
            ConnectionRetryDelay = TimeSpan.FromSeconds(-1),
            GatewayReconnectMinDelay = TimeSpan.FromSeconds(10),
            GatewayReconnectMaxDelay = TimeSpan.FromSeconds(1),
        };

        var problems = options.Validate().ToList();

        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, p => p.Contains("MaxFrameSize", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("GatewayReconnectMinDelay", StringComparison.Ordinal));
    }
}
