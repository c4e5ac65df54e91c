using FlashSale.Runtime.Invocation;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Networking;

/// <summary>
/// Fails outgoing requests whose deadline has passed: a periodic timer on the injected <see cref="TimeProvider"/>
/// claims the expired requests of every connection's pending table and fails them with a
/// <see cref="TimeoutException"/>. A sweep that overlaps a slow previous one is skipped.
/// </summary>
internal sealed class DeadlineSweeper
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _period;
    private readonly TimeSpan _responseTimeout;
    private readonly Func<IEnumerable<Connection>> _connections;
    private readonly Func<Connection, string> _describePeer;
    private readonly Action<RequestBase, Exception> _fail;
    private readonly NetworkingCounters _counters;
    private readonly ILogger _logger;
    private readonly List<RequestBase> _expired = [];
    private ITimer? _timer;
    private int _sweeping;

    /// <summary>Creates a sweeper over <paramref name="connections"/>; <paramref name="fail"/> completes a request with an error.</summary>
    public DeadlineSweeper(
        TimeProvider time,
        TimeSpan period,
        TimeSpan responseTimeout,
        Func<IEnumerable<Connection>> connections,
        Func<Connection, string> describePeer,
        Action<RequestBase, Exception> fail,
        NetworkingCounters counters,
        ILogger logger)
    {
        _time = time;
        _period = period;
        _responseTimeout = responseTimeout;
        _connections = connections;
        _describePeer = describePeer;
        _fail = fail;
        _counters = counters;
        _logger = logger;
    }

    /// <summary>Starts the timer (idempotent).</summary>
    public void Start() => _timer ??= _time.CreateTimer(static state => ((DeadlineSweeper)state!).Sweep(), this, _period, _period);

    /// <summary>Stops the timer.</summary>
    public void Stop()
    {
        _timer?.Dispose();
        _timer = null;
    }

    /// <summary>Fails every request past its deadline now.</summary>
    public void Sweep()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) != 0)
        {
            return;
        }

        try
        {
            var now = _time.GetTimestamp();
            var total = 0;
            foreach (var connection in _connections())
            {
                connection.Pending.RemoveExpired(now, _expired);
                foreach (var request in _expired)
                {
                    _counters.TimedOut();
                    _fail(request, CreateTimeoutException(request, connection));
                }

                total += _expired.Count;
                _expired.Clear();
            }

            if (total > 0)
            {
                NetworkingLog.RequestsTimedOut(_logger, total);
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private TimeoutException CreateTimeoutException(RequestBase request, Connection connection) =>
        new($"Response did not arrive on time in {_responseTimeout} for {request.InterfaceType.Name}.{request.MethodName} on grain {request.TargetGrain}" +
            (request.SendingGrain.IsDefault ? string.Empty : $" called by {request.SendingGrain}") +
            $", sent to {_describePeer(connection)}. The target may be slow or unreachable, or a call chain may loop back to a busy non-reentrant grain (a deadlock): mark such a grain [Reentrant] or the method [AlwaysInterleave].");
}
