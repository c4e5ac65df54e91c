using FlashSale.Runtime.Invocation;

namespace FlashSale.Runtime.Messaging;

/// <summary>
/// Sends requests to other silos and delivers the requests that arrive from them and from clients.
///
/// Outgoing: <see cref="SendRequest"/> gives the request a correlation id, serializes it into a frame and
/// writes it on the connection to the target silo (connecting on demand). When the response frame arrives,
/// the result (or exception) is stored into the same request object and <see cref="IIncomingRequestHandler.OnResponse"/>
/// is called with it. A target that cannot be reached, a connection that drops with the request pending, or a
/// request past its deadline completes the request with <see cref="SiloUnavailableException"/> or
/// <see cref="TimeoutException"/> through the same callback. One-way requests are not tracked.
///
/// Incoming: a request frame is deserialized into a fresh request object whose <see cref="RequestBase.ReplyTo"/>
/// is an <see cref="IResponseSink"/> for the connection it came on, and handed to
/// <see cref="IIncomingRequestHandler.OnRequest"/>; responding through the sink writes the response frame back.
/// </summary>
internal interface IMessageCenter
{
    /// <summary>The silo this message center belongs to.</summary>
    SiloAddress LocalSilo { get; }

    /// <summary>Sends a request to a remote silo.</summary>
    void SendRequest(SiloAddress target, RequestBase request);

    /// <summary>Fails pending requests to <paramref name="silo"/> and closes connections to it (it was declared dead).</summary>
    void DisconnectFrom(SiloAddress silo);

    /// <summary>Test hook: messages from the first silo to the second for which this returns true are dropped silently.</summary>
    Func<SiloAddress, SiloAddress, bool>? DropFilter { get; set; }
}
