using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FlashSale.Runtime.Tests.Networking;

/// <summary>A logger factory whose loggers record every entry, for asserting what was logged.</summary>
internal sealed class LogCapture : ILoggerFactory, ILogger
{
    public ConcurrentQueue<(LogLevel Level, int EventId, string Message)> Entries { get; } = new();

    public bool Has(LogLevel level, int eventId) => Entries.Any(e => e.Level == level && e.EventId == eventId);

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId.Id, formatter(state, exception)));

    public void Dispose()
    {
    }
}
