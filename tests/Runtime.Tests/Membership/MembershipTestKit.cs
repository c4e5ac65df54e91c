using FlashSale.Runtime.Configuration;
using FlashSale.Runtime.Membership;
using FlashSale.Runtime.Testing;
using FlashSale.Runtime.Tests.Infrastructure;

namespace FlashSale.Runtime.Tests.Membership;

/// <summary>Shared pieces of the membership tests: short options, the manual clock helpers and table lookups.</summary>
internal static class MembershipTestKit
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(500);

    /// <summary>Test timings: one-second probes, long refresh and IAmAlive periods so that only probes drive the tests.</summary>
    public static ClusterMembershipOptions Options(Action<ClusterMembershipOptions>? configure = null)
    {
        var options = new ClusterMembershipOptions
        {
            ProbeTimeout = TimeSpan.FromSeconds(1),
            TableRefreshTimeout = TimeSpan.FromSeconds(10),
            DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30),
            MaxJoinAttemptTime = TimeSpan.FromMinutes(5),
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Starts <paramref name="action"/> with no synchronization context, so its continuations run where the clock or the table completes them.</summary>
    public static Task WithoutContext(Func<Task> action) => WithoutContext(async () =>
    {
        await action();
        return true;
    });

    /// <summary>Starts <paramref name="action"/> with no synchronization context, so its continuations run where the clock or the table completes them.</summary>
    public static Task<T> WithoutContext<T>(Func<Task<T>> action)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return action();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    /// <summary>Advances the clock from a thread without a synchronization context, so timer work runs inside the call.</summary>
    public static Task AdvanceAsync(this ManualTimeProvider time, TimeSpan delta) => Task.Run(() => time.Advance(delta));

    /// <summary>Advances the clock in <see cref="Step"/>s for <paramref name="total"/>.</summary>
    public static async Task RunForAsync(this ManualTimeProvider time, TimeSpan total)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed += Step)
        {
            await time.AdvanceAsync(Step);
        }
    }

    /// <summary>Advances the clock in <see cref="Step"/>s until <paramref name="condition"/> holds, failing after <paramref name="maxSimulated"/> or the real-time deadline.</summary>
    public static async Task RunUntilAsync(this ManualTimeProvider time, Func<bool> condition, string what, TimeSpan maxSimulated)
    {
        var deadline = DateTime.UtcNow + Wait.DefaultTimeout;
        for (var elapsed = TimeSpan.Zero; !condition(); elapsed += Step)
        {
            if (elapsed > maxSimulated || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {elapsed} of simulated time waiting for: {what}");
            }

            await time.AdvanceAsync(Step);
        }
    }

    /// <summary>The status of a row, read synchronously (for conditions; the test tables complete at once).</summary>
    public static SiloStatus StatusNow(this IMembershipTable table, SiloAddress silo) => table.StatusAsync(silo).GetAwaiter().GetResult();

    /// <summary>The votes on a row, read synchronously (for conditions; the test tables complete at once).</summary>
    public static int VotesNow(this IMembershipTable table, SiloAddress silo) => table.ReadEntryAsync(silo).GetAwaiter().GetResult()?.SuspectTimes.Count ?? 0;

    public static async Task<MembershipEntry?> ReadEntryAsync(this IMembershipTable table, SiloAddress silo) => (await table.ReadAllAsync()).Find(silo)?.Entry;

    public static async Task<SiloStatus> StatusAsync(this IMembershipTable table, SiloAddress silo) => (await table.ReadEntryAsync(silo))?.Status ?? SiloStatus.None;

    /// <summary>Starts and joins <paramref name="count"/> silos one after the other, then waits until every monitor probes every other silo.</summary>
    public static async Task<List<TestMembershipSilo>> StartSilosAsync(int count, IMembershipTable table, FakeSiloNetwork network, ManualTimeProvider time, ClusterMembershipOptions options)
    {
        var silos = new List<TestMembershipSilo>();
        for (var i = 0; i < count; i++)
        {
            var silo = new TestMembershipSilo(table, network, time, options);
            await silo.JoinAsync();
            silos.Add(silo);
        }

        var expected = Math.Min(options.NumProbedSilos, count - 1);
        await Wait.UntilAsync(() => silos.All(s => s.Monitor.MonitoredSilos.Count == expected), $"every silo probing {expected} others");
        return silos;
    }
}
