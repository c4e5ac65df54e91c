using System.Diagnostics;

namespace FlashSale.LoadGen;

/// <summary>
/// One open-loop run: request k is sent at its intended time (<see cref="OpenLoopSchedule"/>) or at the first chance
/// after it, and its latency is measured from the intended time, so a late send counts against the result.
/// </summary>
/// <remarks>
/// Send chances come from a schedule thread that sleeps 1 ms between passes and from the end of every request. A
/// sleeping thread alone sent in bursts: this VM wakes a 1 ms sleep 1-4 ms late, and every request of a burst carried
/// that delay in its latency. Completions arrive tens of thousands of times a second at the rates measured, so due
/// requests now leave within microseconds while the sale runs, and the thread covers the quiet moments. Each request is
/// claimed with a compare-and-swap, so it is sent exactly once whichever thread sends it. Completion is tracked by a
/// count, not by keeping the tasks: a list of fired tasks kept each finished request's object graph alive from an old
/// generation, and the collector promoted megabytes of it at every young collection.
/// </remarks>
internal sealed class OpenLoop
{
    // A completion sends at most this many: the rest of a backlog (after a pause of the process) is the schedule
    // thread's, so that no caller's thread is held sending for long.
    private const int MaxSendsPerCompletion = 16;

    [ThreadStatic]
    private static bool t_pumping;

    private readonly LoadRunner _runner;
    private readonly OpenLoopSchedule _schedule;
    private readonly int _maxInFlight;
    private readonly long _count;
    private readonly TimeSpan _duration;
    private readonly Func<int, long, ValueTask<CallOutcome>> _call;
    private readonly long _firstSequence;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action _done;
    private long _started;
    private long _stopAt;
    private long _next;
    private int _inFlight;
    private long _sentOnCompletion;

    // The schedule thread holds one until it has claimed the last request; each request holds one until it has ended.
    private int _outstanding = 1;

    public OpenLoop(LoadRunner runner, OpenLoopSchedule schedule, int maxInFlight, long count, TimeSpan duration, Func<int, long, ValueTask<CallOutcome>> call, long firstSequence)
    {
        _runner = runner;
        _schedule = schedule;
        _maxInFlight = maxInFlight;
        _count = count;
        _duration = duration;
        _call = call;
        _firstSequence = firstSequence;

        // One delegate for every request: converting the method at each send allocated one per request.
        _done = Done;
    }

    /// <summary>From the first intended send to the last request claimed.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>Requests sent at the end of another request rather than by the schedule thread.</summary>
    public long SentOnCompletion => Interlocked.Read(ref _sentOnCompletion);

    /// <summary>Sends the run's requests and returns when every one has ended.</summary>
    public async Task RunAsync(TimeSpan timeout)
    {
        _started = Stopwatch.GetTimestamp();
        _stopAt = _started + (long)(_duration.TotalSeconds * Stopwatch.Frequency);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scheduler = new Thread(() =>
        {
            try
            {
                t_pumping = true;
                while (!Pump(long.MaxValue, onCompletion: false))
                {
                    Thread.Sleep(1);
                }

                finished.SetResult();
            }
            catch (Exception e)
            {
                finished.SetException(e);
            }
        })
        { IsBackground = true, Name = "open-loop schedule" };
        scheduler.Start();
        await finished.Task.WaitAsync(timeout);
        Elapsed = Stopwatch.GetElapsedTime(_started);
        Release();
        await _drained.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Sends up to <paramref name="limit"/> requests due by now that nobody has claimed; true once the run has no request left to send.</summary>
    private bool Pump(long limit, bool onCompletion)
    {
        var due = Math.Min(_count, _schedule.DueBy(Stopwatch.GetTimestamp() - _started));
        for (long sent = 0; sent < limit;)
        {
            var k = Volatile.Read(ref _next);
            if (k >= _count || _started + _schedule.IntendedOffset(k) >= _stopAt)
            {
                return true;
            }

            if (k >= due)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _next, k + 1, k) == k)
            {
                Send(k);
                sent++;
                if (onCompletion)
                {
                    Interlocked.Increment(ref _sentOnCompletion);
                }
            }
        }

        return false;
    }

    private void Send(long k)
    {
        var intended = _started + _schedule.IntendedOffset(k);

        // Several threads send: a place under the cap is taken by compare-and-swap, so the cap is never exceeded.
        int inFlight;
        do
        {
            inFlight = Volatile.Read(ref _inFlight);
            if (inFlight >= _maxInFlight)
            {
                _runner.Drop();
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _inFlight, inFlight + 1, inFlight) != inFlight);

        Interlocked.Increment(ref _outstanding);
        var lag = Math.Max(0, Stopwatch.GetTimestamp() - intended);
        lock (_runner.SendLag)
        {
            _runner.SendLag.Record(lag);
        }

        var sequence = _firstSequence + k + 1;
        _ = _runner.FireAsync(_call, (int)(sequence % _maxInFlight), sequence, intended, _runner.Stripe(k), _done);
    }

    private void Done()
    {
        Interlocked.Decrement(ref _inFlight);

        // Not from inside a pump on this thread (a call that completed at once): the outer pump goes on claiming.
        // The release comes after the pump: this request's count keeps the run from ending while the pump sends.
        if (t_pumping)
        {
            Release();
            return;
        }

        t_pumping = true;
        try
        {
            Pump(MaxSendsPerCompletion, onCompletion: true);
        }
        finally
        {
            t_pumping = false;
            Release();
        }
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0)
        {
            _drained.TrySetResult();
        }
    }
}
