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
    /// Open loop: how late each request was sent after its intended time (the load generator's own delay, included
    /// in the latencies). Recorded under its own lock.
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
        var loop = new OpenLoop(this, new OpenLoopSchedule(rate, Stopwatch.Frequency), maxInFlight, count, duration, call, firstSequence);
        await loop.RunAsync(duration + TimeSpan.FromSeconds(30));
        Elapsed = loop.Elapsed;
    }

    /// <summary>The histogram stripe for request <paramref name="k"/>.</summary>
    internal LatencyHistogram Stripe(long k) => _histograms[(int)(k % Stripes)];

    /// <summary>Counts a request dropped by the open loop's in-flight cap.</summary>
    internal void Drop() => Interlocked.Increment(ref _dropped);

    /// <summary>Runs one call and records its latency from <paramref name="intended"/>, then calls <paramref name="done"/>.</summary>
    internal async Task FireAsync(Func<int, long, ValueTask<CallOutcome>> call, int worker, long sequence, long intended, LatencyHistogram histogram, Action done)
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
