using FlashSale.Runtime.Invocation;

namespace FlashSale.Runtime.Messaging;

/// <summary>What the message center hands incoming traffic to: the silo's router.</summary>
internal interface IIncomingRequestHandler
{
    /// <summary>A request arrived from another silo or a client; its ReplyTo is set.</summary>
    void OnRequest(RequestBase request);

    /// <summary>A response to a request this silo sent arrived (or the request failed): the request holds the result or exception.</summary>
    void OnResponse(RequestBase request);
}
