using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Postgres;

/// <summary>The log messages of the PostgreSQL providers (event ids 900-949).</summary>
internal static partial class PostgresLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "PostgreSQL schema {Schema} is ready")]
    public static partial void SchemaReady(ILogger logger, string schema);

    [LoggerMessage(EventId = 901, Level = LogLevel.Warning, Message = "PostgreSQL {Operation} failed with a transient error (attempt {Attempt}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, TimeSpan delay, Exception? exception);

    [LoggerMessage(EventId = 902, Level = LogLevel.Error, Message = "PostgreSQL circuit opened after repeated failures: calls fail fast for {BreakDuration}")]
    public static partial void CircuitOpened(ILogger logger, TimeSpan breakDuration, Exception? exception);

    [LoggerMessage(EventId = 903, Level = LogLevel.Information, Message = "PostgreSQL circuit half-open: letting one trial call through")]
    public static partial void CircuitHalfOpened(ILogger logger);

    [LoggerMessage(EventId = 904, Level = LogLevel.Warning, Message = "PostgreSQL circuit closed: the database answers again")]
    public static partial void CircuitClosed(ILogger logger);

    [LoggerMessage(EventId = 905, Level = LogLevel.Warning, Message = "Grain state write of {GrainId} ({StateName}) was retried after an unconfirmed attempt and found its own write committed")]
    public static partial void OwnWriteFound(ILogger logger, GrainId grainId, string stateName);
}
