using System.Threading.Channels;
using System.Threading.Tasks.Sources;

namespace FlashSale.Runtime.Benchmarks;

/// <summary>
/// The baseline: the least an actor can cost. One single-reader unbounded channel per actor, a loop that
/// applies each message to private state, and a reusable-shape completion object per call (the same
/// one-allocation-per-call shape as the runtime's request), awaited by the caller.
/// </summary>
internal sealed class ChannelMailbox
{
    private readonly Channel<AddMessage> _mailbox = Channel.CreateUnbounded<AddMessage>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private int _total;

    public ChannelMailbox() => _ = Task.Run(RunAsync);

    public ValueTask<int> Add(int delta)
    {
        var message = new AddMessage(delta);
        _mailbox.Writer.TryWrite(message);
        return message.AsValueTask();
    }

    public void Stop() => _mailbox.Writer.TryComplete();

    private async Task RunAsync()
    {
        var reader = _mailbox.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var message))
            {
                _total += message.Delta;
                message.Complete(_total);
            }
        }
    }

    internal sealed class AddMessage(int delta) : IValueTaskSource<int>
    {
        private ManualResetValueTaskSourceCore<int> _core;

        public int Delta { get; } = delta;

        public ValueTask<int> AsValueTask() => new(this, _core.Version);

        public void Complete(int result) => _core.SetResult(result);

        public int GetResult(short token) => _core.GetResult(token);

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }
}
