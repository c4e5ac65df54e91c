using System.Collections.Concurrent;
using FlashSale.Runtime.Invocation;
using FlashSale.Runtime.Messaging;

namespace FlashSale.Runtime.Tests.Networking;

/// <summary>
/// Stands in for the silo's router: runs incoming requests on an <see cref="EchoTarget"/> and answers through
/// their sink (or holds them, when <see cref="Answer"/> is off); signals the callers of completed outgoing requests.
/// </summary>
internal sealed class FakeRequestHandler : IIncomingRequestHandler
{
    private readonly EchoTarget _target = new();
    private int _received;

    public volatile bool Answer = true;

    public ConcurrentQueue<RequestBase> Held { get; } = new();

    public int Received => Volatile.Read(ref _received);

    public void OnRequest(RequestBase request)
    {
        Interlocked.Increment(ref _received);
        if (!Answer)
        {
            Held.Enqueue(request);
            return;
        }

        _ = RunAsync(request);
    }

    public void OnResponse(RequestBase request) => request.TrySignal();

    private async Task RunAsync(RequestBase request)
    {
        try
        {
            await request.InvokeAsync(_target);
        }
        catch (Exception e)
        {
            request.Exception = e;
        }

        ((IResponseSink)request.ReplyTo!).SendResponse(request);
    }
}
