using FlashSale.Runtime.Invocation;

namespace FlashSale.Runtime.Messaging;

/// <summary>Where the response of a request that arrived from elsewhere (another silo, a client) is sent.</summary>
internal interface IResponseSink
{
    /// <summary>Sends the request's result or exception back to its caller.</summary>
    void SendResponse(RequestBase request);
}
