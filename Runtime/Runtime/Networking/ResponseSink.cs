using FlashSale.Runtime.Invocation;
using FlashSale.Runtime.Messaging;

namespace FlashSale.Runtime.Networking;

/// <summary>
/// Where the response to a request that arrived on a connection goes: that connection, under the caller's
/// correlation id. The id lives here rather than in the request, because the router may forward the same
/// request object to another silo, which gives it a new correlation id for that hop. Sends at most once.
/// </summary>
internal sealed class ResponseSink(MessagingEndpoint endpoint, Connection connection, long correlationId) : IResponseSink
{
    private int _sent;

    /// <summary>The connection the request came on.</summary>
    public Connection Connection => connection;

    /// <summary>The caller's correlation id.</summary>
    public long CorrelationId => correlationId;

    /// <inheritdoc />
    public void SendResponse(RequestBase request)
    {
        if (Interlocked.Exchange(ref _sent, 1) == 0)
        {
            endpoint.SendResponse(connection, correlationId, request);
        }
    }
}
