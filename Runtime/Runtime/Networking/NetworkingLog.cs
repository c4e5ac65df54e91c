using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Networking;

/// <summary>The transport's log messages (event ids 600-619).</summary>
internal static partial class NetworkingLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Error, Message = "Malformed frame on {Connection}: {Reason}; closing that connection")]
    public static partial void MalformedFrame(ILogger logger, string connection, string reason, Exception exception);

    [LoggerMessage(EventId = 601, Level = LogLevel.Debug, Message = "Opened {Connection}")]
    public static partial void ConnectionOpened(ILogger logger, string connection);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Closed {Connection}: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, string connection, string reason);

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "Refused {Connection}: {Reason}")]
    public static partial void HelloRefused(ILogger logger, string connection, string reason);

    [LoggerMessage(EventId = 604, Level = LogLevel.Warning, Message = "Could not connect to {Target}: {Reason}")]
    public static partial void ConnectFailed(ILogger logger, string target, string reason);

    [LoggerMessage(EventId = 605, Level = LogLevel.Debug, Message = "Response {CorrelationId} on {Connection} matches no pending request (it timed out or was failed); dropped")]
    public static partial void LateResponse(ILogger logger, long correlationId, string connection);

    [LoggerMessage(EventId = 606, Level = LogLevel.Debug, Message = "Response to {Request} dropped: {Connection} is closed")]
    public static partial void ResponseToClosedConnection(ILogger logger, string request, string connection);

    [LoggerMessage(EventId = 607, Level = LogLevel.Warning, Message = "Request on {Connection} could not be decoded and was answered with an error: {Reason}")]
    public static partial void RequestRejected(ILogger logger, string connection, string reason, Exception exception);

    [LoggerMessage(EventId = 608, Level = LogLevel.Error, Message = "The incoming request handler failed on {Request}")]
    public static partial void HandlerFailed(ILogger logger, string request, Exception exception);

    [LoggerMessage(EventId = 609, Level = LogLevel.Warning, Message = "The response to {Request} could not be read; the call fails")]
    public static partial void ResponseUnreadable(ILogger logger, string request, Exception exception);

    [LoggerMessage(EventId = 610, Level = LogLevel.Information, Message = "Listening for {Kind} connections on {Endpoint}")]
    public static partial void Listening(ILogger logger, string kind, string endpoint);

    [LoggerMessage(EventId = 611, Level = LogLevel.Warning, Message = "Accepting a connection on {Endpoint} failed")]
    public static partial void AcceptFailed(ILogger logger, string endpoint, Exception exception);

    [LoggerMessage(EventId = 612, Level = LogLevel.Warning, Message = "The gateway list could not be refreshed; keeping the previous one")]
    public static partial void GatewayListFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 613, Level = LogLevel.Information, Message = "Connected to gateway {Endpoint} (silo {Silo})")]
    public static partial void GatewayConnected(ILogger logger, string endpoint, string silo);

    [LoggerMessage(EventId = 614, Level = LogLevel.Warning, Message = "Lost gateway {Endpoint}: {Reason}; reconnecting in {Delay}")]
    public static partial void GatewayLost(ILogger logger, string endpoint, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 615, Level = LogLevel.Warning, Message = "The result of {Request} could not be serialized; the caller gets the error instead")]
    public static partial void ResultNotSerializable(ILogger logger, string request, Exception exception);

    [LoggerMessage(EventId = 616, Level = LogLevel.Error, Message = "The response callback failed on {Request}")]
    public static partial void ResponseCallbackFailed(ILogger logger, string request, Exception exception);

    [LoggerMessage(EventId = 617, Level = LogLevel.Debug, Message = "{Count} requests timed out")]
    public static partial void RequestsTimedOut(ILogger logger, int count);
}
