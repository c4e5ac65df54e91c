using System.Collections.Concurrent;
using System.Diagnostics;

namespace FlashSale.LoadGen.Tests;

[Trait("Category", "Unit")]
public class OpenLoopTests
{
    [Fact]
    public async Task RunOpenAsync_SendsEveryScheduledRequestExactlyOnce_WhileCompletionsAlsoSend()
    {
        // 50,000/s for 0.1 s schedules requests 0..4,999; completions on the thread pool race the schedule thread.
        var runner = new LoadRunner();
        var seen = new ConcurrentDictionary<long, int>();

        await runner.RunOpenAsync(50_000, maxInFlight: 100_000, count: 1_000_000, TimeSpan.FromSeconds(0.1), async (_, sequence) =>
        {
            seen.AddOrUpdate(sequence, 1, (_, n) => n + 1);
            await Task.Yield();
            return CallOutcome.Accepted;
        });

        Assert.Equal(5_000, seen.Count);
        Assert.All(seen, p => Assert.Equal(1, p.Value));
        Assert.Equal(Enumerable.Range(1, 5_000).Select(i => (long)i), seen.Keys.Order());
        Assert.Equal(5_000, runner.Completed);
        Assert.Equal(5_000, runner.Accepted);
        Assert.Equal(0, runner.Dropped);
        Assert.Equal(5_000, runner.SendLag.Count);
    }

    [Fact]
    public async Task RunAsync_CompletionsSendDueRequests()
    {
        var runner = new LoadRunner();
        var loop = new OpenLoop(runner, new OpenLoopSchedule(50_000, Stopwatch.Frequency), 100_000, 1_000_000, TimeSpan.FromSeconds(0.1), async (_, _) =>
        {
            await Task.Yield();
            return CallOutcome.Accepted;
        }, firstSequence: 0);

        await loop.RunAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(5_000, runner.Completed);
        Assert.InRange(loop.SentOnCompletion, 1, 5_000);
    }

    [Fact]
    public async Task RunOpenAsync_CallsThatCompleteAtOnce_AreEachSentOnce()
    {
        // A call that completes inline ends inside the pump that sent it: the nested pump must not run.
        var runner = new LoadRunner();
        var seen = new ConcurrentDictionary<long, int>();

        await runner.RunOpenAsync(50_000, maxInFlight: 100_000, count: 1_000_000, TimeSpan.FromSeconds(0.1), (_, sequence) =>
        {
            seen.AddOrUpdate(sequence, 1, (_, n) => n + 1);
            return ValueTask.FromResult(CallOutcome.Accepted);
        });

        Assert.Equal(5_000, seen.Count);
        Assert.All(seen, p => Assert.Equal(1, p.Value));
        Assert.Equal(5_000, runner.Completed);
    }

    [Fact]
    public async Task RunOpenAsync_StopsAtTheCount()
    {
        var runner = new LoadRunner();
        var calls = 0;

        await runner.RunOpenAsync(50_000, maxInFlight: 1_000, count: 300, TimeSpan.FromSeconds(5), async (_, _) =>
        {
            Interlocked.Increment(ref calls);
            await Task.Yield();
            return CallOutcome.Rejected;
        });

        Assert.Equal(300, calls);
        Assert.Equal(300, runner.Rejected);
        Assert.True(runner.Elapsed < TimeSpan.FromSeconds(5), $"the run went on for {runner.Elapsed} after its last request");
    }

    [Fact]
    public async Task RunOpenAsync_OverTheInFlightCap_CountsTheRestAsDropped()
    {
        // 10,000/s for 0.05 s schedules 500 requests; none ends until the schedule is over, so only 10 are sent.
        var runner = new LoadRunner();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;

        var run = runner.RunOpenAsync(10_000, maxInFlight: 10, count: 1_000_000, TimeSpan.FromSeconds(0.05), async (_, _) =>
        {
            Interlocked.Increment(ref calls);
            await gate.Task;
            return CallOutcome.Accepted;
        });
        var deadline = Stopwatch.StartNew();
        while (runner.Dropped < 490 && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(5);
        }

        gate.SetResult();
        await run;

        Assert.Equal(10, calls);
        Assert.Equal(490, runner.Dropped);
        Assert.Equal(10, runner.Completed);
    }
}
