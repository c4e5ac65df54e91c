using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Tests.Core;

[Trait("Category", "Unit")]
public sealed class OptionsValidationTests
{
    [Fact]
    public async Task InvalidSiloOptions_HostRefusesToStart_ListingEveryProblem()
    {
        using var host = new HostBuilder()
            .UseSilo(silo => silo.Configure<SiloOptions>(o =>
            {
                o.Datacenter = " ";
                o.SiloPort = 70000;
                o.AdvertisedAddress = "not-an-ip";
            }))
            .Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Silo:Datacenter", error.Message, StringComparison.Ordinal);
        Assert.Contains("Silo:SiloPort", error.Message, StringComparison.Ordinal);
        Assert.Contains("Silo:AdvertisedAddress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidMessagingOptions_HostRefusesToStart()
    {
        using var host = new HostBuilder()
            .UseSilo(silo => silo.Configure<MessagingOptions>(o => o.ResponseTimeout = TimeSpan.Zero))
            .Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Messaging:ResponseTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreOrleansDefaults()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), new MessagingOptions().ResponseTimeout);
        Assert.Equal(TimeSpan.FromMinutes(15), new GrainCollectionOptions().CollectionAge);
        Assert.Equal(TimeSpan.FromSeconds(1), new ReminderOptions().MinimumReminderPeriod);
        Assert.Equal(11111, new SiloOptions().SiloPort);
        Assert.Equal(30000, new SiloOptions().GatewayPort);
        Assert.Equal("dc1", new SiloOptions().Datacenter);
    }
}
