using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Catalog;

/// <content>The activation's log events.</content>
internal sealed partial class ActivationData
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "A turn of {GrainId} threw an unhandled exception")]
    private static partial void LogUnhandledTurnException(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Activation of {GrainId} failed")]
    private static partial void LogActivationFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Deactivation of {GrainId} threw")]
    private static partial void LogDeactivationFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "Deactivated {GrainId}: {Reason}")]
    private static partial void LogDeactivated(ILogger logger, GrainId grainId, string reason);
}
