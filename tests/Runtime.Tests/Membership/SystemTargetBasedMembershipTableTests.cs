using System.Net;
using FlashSale.Runtime.Membership;

namespace FlashSale.Runtime.Tests.Membership;

/// <summary>Development clustering: the table contract holds through the primary's system target, over the wire format.</summary>
[Trait("Category", "Unit")]
public sealed class SystemTargetBasedMembershipTableTests : MembershipTableContractTests
{
    private static int s_nextPort = 43000;

    protected override IMembershipTable CreateTable()
    {
        var primary = new IPEndPoint(IPAddress.Loopback, Interlocked.Increment(ref s_nextPort));
        var runtime = new LoopbackSystemTargetRuntime();
        runtime.Host<IMembershipTableSystemTarget>(primary, new MembershipTableSystemTarget(new InMemoryMembershipTable()));
        return new SystemTargetBasedMembershipTable(() => runtime, primary);
    }

    [Fact]
    public async Task Calls_AddressPrimaryEndpointWithGenerationZero()
    {
        var primary = new IPEndPoint(IPAddress.Loopback, 43999);
        var runtime = new LoopbackSystemTargetRuntime();
        runtime.Host<IMembershipTableSystemTarget>(primary, new MembershipTableSystemTarget(new InMemoryMembershipTable()));
        var table = new SystemTargetBasedMembershipTable(() => runtime, primary);

        await table.ReadAllAsync();

        var destination = Assert.Single(runtime.Destinations);
        Assert.Equal(primary, destination.Endpoint);
        Assert.Equal(0, destination.Generation);
    }

    [Fact]
    public async Task PrimaryUnreachable_CallsFail()
    {
        var table = new SystemTargetBasedMembershipTable(() => new LoopbackSystemTargetRuntime(), new IPEndPoint(IPAddress.Loopback, 43998));

        await Assert.ThrowsAsync<SiloUnavailableException>(() => table.ReadAllAsync());
    }
}
