using System.Diagnostics;

namespace FlashSale.LoadGen;

/// <summary>
/// Drives a call function closed-loop (N workers, each waiting for its answer) or open-loop (a fixed rate from a
/// token schedule, latency measured from the intended send time, in-flight requests capped and excess counted as
/// dropped). Every loop is bounded by a request count and by time.
/// </summary>
internal sealed class LoadRunner
{
    private const int Stripes = 32;
    private readonly LatencyHistogram[] _histograms = Enumerable.Range(0, Stripes).Select(_ => new LatencyHistogram()).ToArray();
    private long _accepted;
    private long _rejected;
    private long _failed;
    private long _dropped;
    private long _completed;

    /// <summary>Requests completed so far (for the progress bar).</summary>
    public long Completed => Interlocked.Read(ref _completed);

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Rejected => Interlocked.Read(ref _rejected);

    public long Failed => Interlocked.Read(ref _failed);

    public long Dropped => Interlocked.Read(ref _dropped);

    public TimeSpan Elapsed { get; private set; }

    /// <summary>
    /// Open loop: how late each request was sent after its intended time (the schedule thread's own delay, included
    /// in the latencies). Written by the schedule thread only.
    /// </summary>
    public LatencyHistogram SendLag { get; } = new();

    /// <summary>The garbage collector's figures over the measured phase (null for a run not measured in this process).</summary>
    public GcFigures? Gc { get; set; }

    /// <summary>The runtime's frames per socket flush over the measured phase, per owner (empty without a cluster here).</summary>
    public IReadOnlyDictionary<string, double>? FramesPerFlush { get; set; }

    public LatencyHistogram Merged()
    {
        var merged = new LatencyHistogram();
        foreach (var h in _histograms)
        {
            lock (h)
            {
                merged.Add(h);
            }
        }

        return merged;
    }

    /// <summary>Closed loop: <paramref name="workers"/> callers; call(worker, sequence).</summary>
    public async Task RunClosedAsync(int workers, long count, TimeSpan duration, Func<int, long, ValueTask<CallOutcome>> call, long firstSequence = 0)
    {
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var next = firstSequence;
        var last = firstSequence + count;
        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            var worker = w;
            tasks[w] = Task.Run(async () =>
            {
                var histogram = _histograms[worker % Stripes];
                while (Stopwatch.GetTimestamp() < stopAt)
                {
                    var sequence = Interlocked.Increment(ref next);
                    if (sequence > last)
                    {
                        break;
                    }

                    var t0 = Stopwatch.GetTimestamp();
                    CallOutcome outcome;
                    try
                    {
                        outcome = await call(worker, sequence);
                    }
                    catch (Exception)
                    {
                        outcome = CallOutcome.Failed;
                    }

                    var latency = Stopwatch.GetTimestamp() - t0;
                    lock (histogram)
                    {
                        histogram.Record(latency);
                    }

                    Count(outcome);
                }
            });
        }

        await Task.WhenAll(tasks);
        Elapsed = Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Open loop: <paramref name="rate"/> requests per second, at most <paramref name="maxInFlight"/> outstanding.</summary>
    public async Task RunOpenAsync(double rate, int maxInFlight, long count, TimeSpan duration, Func<int, long, ValueTask<CallOutcome>> call, long firstSequence = 0)
    {
        var schedule = new OpenLoopSchedule(rate, Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var inFlight = 0;

        // Completion is tracked by a count, not by keeping the tasks: a list of fired tasks (swept every few thousand)
        // kept each finished request's whole object graph alive from an old generation, and the collector promoted
        // megabytes of it at every young collection (the open loop's tail was the load generator's own doing).
        var outstanding = 1;
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Release()
        {
            if (Interlocked.Decrement(ref outstanding) == 0)
            {
                drained.TrySetResult();
            }
        }

        void Done()
        {
            Interlocked.Decrement(ref inFlight);
            Release();
        }

        long k = 0;

        // One delegate for every request: converting the local function at each send allocated one per request.
        Action done = Done;

        // The schedule runs on its own thread: a thread-pool timer would wake up behind the callers' continuations and
        // send in bursts. Latency is measured from the intended time either way.
        void Schedule()
        {
            while (k < count)
            {
                var now = Stopwatch.GetTimestamp();
                var due = Math.Min(count, schedule.DueBy(now - started));
                if (started + schedule.IntendedOffset(k) >= stopAt)
                {
                    break;
                }

                for (; k < due && started + schedule.IntendedOffset(k) < stopAt; k++)
                {
                    var intended = started + schedule.IntendedOffset(k);
                    if (Volatile.Read(ref inFlight) >= maxInFlight)
                    {
                        Interlocked.Increment(ref _dropped);
                        continue;
                    }

                    Interlocked.Increment(ref inFlight);
                    Interlocked.Increment(ref outstanding);
                    SendLag.Record(Math.Max(0, Stopwatch.GetTimestamp() - intended));
                    var sequence = firstSequence + k + 1;
                    var histogram = _histograms[(int)(k % Stripes)];
                    _ = FireAsync(call, (int)(sequence % maxInFlight), sequence, intended, histogram, done);
                }

                Thread.Sleep(1);
            }
        }

        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scheduler = new Thread(() =>
        {
            try
            {
                Schedule();
                finished.SetResult();
            }
            catch (Exception e)
            {
                finished.SetException(e);
            }
        })
        { IsBackground = true, Name = "open-loop schedule" };
        scheduler.Start();
        await finished.Task.WaitAsync(duration + TimeSpan.FromSeconds(30));
        Elapsed = Stopwatch.GetElapsedTime(started);
        Release();
        await drained.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private async Task FireAsync(Func<int, long, ValueTask<CallOutcome>> call, int worker, long sequence, long intended, LatencyHistogram histogram, Action done)
    {
        try
        {
            // Awaited here rather than through a helper: each async layer of the load generator is another
            // allocation per request, and its collections pause the sale sharing this process.
            CallOutcome outcome;
            try
            {
                outcome = await call(worker, sequence);
            }
            catch (Exception)
            {
                outcome = CallOutcome.Failed;
            }

            var latency = Stopwatch.GetTimestamp() - intended;
            lock (histogram)
            {
                histogram.Record(latency);
            }

            Count(outcome);
        }
        finally
        {
            done();
        }
    }

    private void Count(CallOutcome outcome)
    {
        switch (outcome)
        {
            case CallOutcome.Accepted:
                Interlocked.Increment(ref _accepted);
                break;
            case CallOutcome.Rejected:
                Interlocked.Increment(ref _rejected);
                break;
            default:
                Interlocked.Increment(ref _failed);
                break;
        }

        Interlocked.Increment(ref _completed);
    }
}
