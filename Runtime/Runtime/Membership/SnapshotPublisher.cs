using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Membership;

/// <summary>
/// Holds the current membership snapshot and raises <see cref="Published"/> for each newer one: in version order,
/// on a thread-pool thread, never concurrently with itself; a handler's exception is logged and does not stop
/// later notifications. Older or equal versions are ignored, so the current snapshot only moves forward.
/// </summary>
internal sealed partial class SnapshotPublisher(ILogger logger)
{
    private readonly Lock _lock = new();
    private readonly Queue<ClusterMembershipSnapshot> _pending = new();
    private ClusterMembershipSnapshot _current = ClusterMembershipSnapshot.Empty;
    private bool _notifying;

    /// <summary>Raised for each newer snapshot, in version order.</summary>
    public event Action<ClusterMembershipSnapshot>? Published;

    /// <summary>The newest snapshot.</summary>
    public ClusterMembershipSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Makes <paramref name="snapshot"/> current and queues its notification if it is newer; false otherwise.</summary>
    public bool TryPublish(ClusterMembershipSnapshot snapshot)
    {
        bool startNotifying;
        lock (_lock)
        {
            if (snapshot.Version <= _current.Version)
            {
                return false;
            }

            Volatile.Write(ref _current, snapshot);
            _pending.Enqueue(snapshot);
            startNotifying = !_notifying;
            _notifying = true;
        }

        if (startNotifying)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static p => p.Notify(), this, preferLocal: false);
        }

        return true;
    }

    private void Notify()
    {
        while (true)
        {
            ClusterMembershipSnapshot next;
            lock (_lock)
            {
                if (!_pending.TryDequeue(out next!))
                {
                    _notifying = false;
                    return;
                }
            }

            try
            {
                Published?.Invoke(next);
            }
            catch (Exception e)
            {
                LogHandlerFailed(logger, next.Version, e);
            }
        }
    }

    [LoggerMessage(EventId = 309, Level = LogLevel.Error, Message = "A membership snapshot handler failed on version {Version}")]
    private static partial void LogHandlerFailed(ILogger logger, long version, Exception exception);
}
