using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Hosting;
using FlashSale.Runtime.Testing;

namespace FlashSale.Runtime.Tests.Infrastructure;

/// <summary>Builds a one-silo cluster on a <see cref="ManualTimeProvider"/> with short, test-friendly periods.</summary>
public static class ManualClock
{
    public static async Task<(TestCluster Cluster, ManualTimeProvider Time)> StartClusterAsync()
    {
        var time = new ManualTimeProvider();
        var cluster = new TestClusterBuilder(1)
            .AddSiloBuilderConfigurator<DefaultSiloConfigurator>()
            .AddSiloBuilderConfigurator<ShortPeriodsConfigurator>()
            .WithTimeProvider(time)
            .Build();
        await cluster.DeployAsync();
        return (cluster, time);
    }

    /// <summary>Advances in one-second steps so that each periodic check sees every second pass.</summary>
    public static void AdvanceSeconds(this ManualTimeProvider time, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    private sealed class ShortPeriodsConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Configure<GrainCollectionOptions>(o =>
            {
                o.CollectionAge = TimeSpan.FromMinutes(2);
                o.CollectionQuantum = TimeSpan.FromSeconds(10);
            });
            siloBuilder.Configure<ReminderOptions>(o => o.RefreshReminderListPeriod = TimeSpan.FromSeconds(5));
        }
    }
}
