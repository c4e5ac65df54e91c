namespace FlashSale.LoadGen;

/// <summary>
/// The garbage collector's own figures over the measured phase: collections per generation, the total pause, and the
/// longest pause seen (each collection's pause, read by polling the last collection's info every 5 ms; a collection
/// that starts and ends between two polls is counted but its pause may be missed by the maximum).
/// </summary>
internal sealed class GcWatch : IDisposable
{
    private readonly int[] _start = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly TimeSpan _pauseStart = GC.GetTotalPauseDuration();
    private readonly long _allocatedStart = GC.GetTotalAllocatedBytes();
    private readonly TimeSpan _cpuStart = Environment.CpuUsage.TotalTime;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _poller;
    private double _maxPauseMs;

    public GcWatch()
    {
        _poller = new Thread(Poll) { IsBackground = true, Name = "gc watch" };
        _poller.Start();
    }

    /// <summary>Stops polling and returns the figures since construction.</summary>
    public GcFigures Stop()
    {
        _stop.Cancel();
        _poller.Join();
        return new GcFigures(
            GC.CollectionCount(0) - _start[0],
            GC.CollectionCount(1) - _start[1],
            GC.CollectionCount(2) - _start[2],
            (GC.GetTotalPauseDuration() - _pauseStart).TotalMilliseconds,
            _maxPauseMs,
            GC.GetTotalAllocatedBytes() - _allocatedStart,
            (Environment.CpuUsage.TotalTime - _cpuStart).TotalMilliseconds);
    }

    public void Dispose() => _stop.Dispose();

    private void Poll()
    {
        long lastIndex = -1;
        while (!_stop.IsCancellationRequested)
        {
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            if (info.Index != lastIndex)
            {
                lastIndex = info.Index;
                double pause = 0;
                foreach (var p in info.PauseDurations)
                {
                    pause += p.TotalMilliseconds;
                }

                _maxPauseMs = Math.Max(_maxPauseMs, pause);
            }

            _stop.Token.WaitHandle.WaitOne(5);
        }
    }
}

/// <summary>Garbage-collector figures of one measured phase, with the process's CPU time (user and kernel) over it.</summary>
internal sealed record GcFigures(int Gen0, int Gen1, int Gen2, double PauseMs, double MaxPauseMs, long AllocatedBytes, double CpuMs);
