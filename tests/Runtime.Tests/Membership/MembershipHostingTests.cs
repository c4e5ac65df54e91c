using System.Net;
using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Hosting;
using FlashSale.Runtime.Membership;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Tests.Membership;

/// <summary>The hosting extensions: which table each clustering mode uses, and the options.</summary>
[Trait("Category", "Unit")]
public sealed class MembershipHostingTests
{
    private static IHost Build(Action<ISiloBuilder> configure, SharedMemoryProviders? shared = null, Dictionary<string, string?>? settings = null)
    {
        var builder = new HostBuilder();
        if (settings is not null)
        {
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
        }

        if (shared is not null)
        {
            builder.ConfigureServices(s => s.AddSingleton(shared));
        }

        return builder.UseSilo(configure).Build();
    }

    [Fact]
    public void UseInMemoryClustering_SharedProviders_UsesSharedTableAndResolvesEveryService()
    {
        var shared = new SharedMemoryProviders();
        using var host = Build(s => s.UseInMemoryClustering(), shared);

        Assert.Same(shared.MembershipTable, host.Services.GetRequiredService<IMembershipTable>());
        Assert.IsType<MembershipTableManager>(host.Services.GetRequiredService<IClusterMembershipService>());
        Assert.NotNull(host.Services.GetRequiredService<MembershipService>());
        Assert.NotNull(host.Services.GetRequiredService<SiloRuntime>());
    }

    [Fact]
    public async Task MembershipService_SingleSilo_HostsSystemTargetsJoinsAndLeaves()
    {
        var shared = new SharedMemoryProviders();
        using var host = Build(s => s.UseInMemoryClustering(), shared);
        var membership = host.Services.GetRequiredService<MembershipService>();
        var silo = host.Services.GetRequiredService<LocalSiloDetails>().SiloAddress;

        await membership.JoinAsync(CancellationToken.None);

        var runtime = host.Services.GetRequiredService<SiloRuntime>();
        Assert.True(runtime.SystemTargets.TryGet("sys." + nameof(IMembershipSystemTarget), out _));
        Assert.Equal(SiloStatus.Active, membership.Membership.CurrentSnapshot.GetStatus(silo));
        Assert.Equal(SiloStatus.Active, (await shared.MembershipTable.ReadAllAsync()).Find(silo)!.Entry.Status);

        await membership.LeaveAsync(CancellationToken.None);

        Assert.Equal(SiloStatus.Dead, (await shared.MembershipTable.ReadAllAsync()).Find(silo)!.Entry.Status);
    }

    [Fact]
    public async Task MembershipService_DevelopmentPrimary_HostsTheTableSystemTarget()
    {
        using var host = Build(s => s.UseLocalhostClustering(siloPort: 11400, gatewayPort: 30400));
        var membership = host.Services.GetRequiredService<MembershipService>();

        await membership.JoinAsync(CancellationToken.None);

        Assert.True(host.Services.GetRequiredService<SiloRuntime>().SystemTargets.TryGet("sys." + nameof(IMembershipTableSystemTarget), out _));
        membership.Stop();
    }

    [Fact]
    public void UseInMemoryClustering_WithoutSharedProviders_PrivateTable()
    {
        using var host = Build(s => s.UseInMemoryClustering());

        Assert.IsType<InMemoryMembershipTable>(host.Services.GetRequiredService<IMembershipTable>());
    }

    [Fact]
    public void NoClustering_NoMembershipService()
    {
        using var host = Build(_ => { });

        Assert.Null(host.Services.GetService<IClusterMembershipService>());
        Assert.Null(host.Services.GetService<MembershipService>());
    }

    [Fact]
    public void UseLocalhostClustering_NoPrimary_SetsEndpointsAndHostsTheTable()
    {
        using var host = Build(s => s.UseLocalhostClustering(siloPort: 11200, gatewayPort: 30200));

        var options = host.Services.GetRequiredService<IOptions<SiloOptions>>().Value;
        Assert.Equal(("127.0.0.1", 11200, 30200), (options.AdvertisedAddress, options.SiloPort, options.GatewayPort));
        var development = host.Services.GetRequiredService<DevelopmentMembershipTableHost>();
        Assert.True(development.IsPrimary);
        Assert.NotNull(development.SystemTarget);
        Assert.IsType<InMemoryMembershipTable>(host.Services.GetRequiredService<IMembershipTable>());
    }

    [Fact]
    public void UseLocalhostClustering_OtherPrimary_CallsThePrimaryAtGenerationZero()
    {
        var primary = new IPEndPoint(IPAddress.Loopback, 11111);
        using var host = Build(s => s.UseLocalhostClustering(siloPort: 11113, gatewayPort: 30003, primarySiloEndpoint: primary));

        var development = host.Services.GetRequiredService<DevelopmentMembershipTableHost>();
        Assert.False(development.IsPrimary);
        Assert.Null(development.SystemTarget);
        var table = Assert.IsType<SystemTargetBasedMembershipTable>(host.Services.GetRequiredService<IMembershipTable>());
        Assert.Equal(new SiloAddress(primary, 0), table.PrimaryAddress);
    }

    [Fact]
    public void UseDevelopmentClustering_ThisSiloIsPrimary_HostsTheTable()
    {
        using var host = Build(s => s
            .Configure<SiloOptions>(o => o.SiloPort = 11300)
            .UseDevelopmentClustering(new IPEndPoint(IPAddress.Loopback, 11300)));

        Assert.True(host.Services.GetRequiredService<DevelopmentMembershipTableHost>().IsPrimary);
    }

    [Fact]
    public void ClusterMembershipOptions_BoundFromConfigurationAndConfigure()
    {
        using var host = Build(
            s => s.UseInMemoryClustering().Configure<ClusterMembershipOptions>(o => o.NumVotesForDeathDeclaration = 3),
            settings: new() { ["ClusterMembership:ProbeTimeout"] = "00:00:02", ["ClusterMembership:NumProbedSilos"] = "4" });

        var options = host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(2), 4, 3), (options.ProbeTimeout, options.NumProbedSilos, options.NumVotesForDeathDeclaration));
    }

    [Fact]
    public async Task InvalidClusterMembershipOptions_HostRefusesToStart()
    {
        using var host = Build(s => s.UseInMemoryClustering().Configure<ClusterMembershipOptions>(o =>
        {
            o.NumProbedSilos = 0;
            o.ProbeTimeout = TimeSpan.Zero;
        }));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ClusterMembership:NumProbedSilos", error.Message, StringComparison.Ordinal);
        Assert.Contains("ClusterMembership:ProbeTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreOrleansDefaults()
    {
        var o = new ClusterMembershipOptions();

        Assert.Equal(10, o.NumProbedSilos);
        Assert.Equal(TimeSpan.FromSeconds(5), o.ProbeTimeout);
        Assert.Equal(3, o.NumMissedProbesLimit);
        Assert.Equal(2, o.NumVotesForDeathDeclaration);
        Assert.Equal(TimeSpan.FromMinutes(2), o.DeathVoteExpirationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), o.TableRefreshTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), o.IAmAliveTablePublishTimeout);
        Assert.Equal(3, o.NumMissedTableIAmAliveLimit);
        Assert.True(o.EnableIndirectProbes);
        Assert.True(o.UseLivenessGossip);
        Assert.Equal(TimeSpan.FromMinutes(5), o.MaxJoinAttemptTime);
        Assert.Equal(TimeSpan.FromDays(7), o.DefunctSiloExpiration);
        Assert.Empty(o.Validate());
    }

    [Fact]
    public void Validate_VotesAboveProbedSilos_Reported()
    {
        var o = new ClusterMembershipOptions { NumProbedSilos = 1, NumVotesForDeathDeclaration = 2 };

        Assert.Contains(o.Validate(), m => m.Contains("NumVotesForDeathDeclaration", StringComparison.Ordinal));
    }
}
