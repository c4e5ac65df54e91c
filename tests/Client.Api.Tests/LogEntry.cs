using Microsoft.Extensions.Logging;

namespace FlashSale.Client.Api.Tests;

/// <summary>One entry captured by <see cref="CapturingLoggerProvider"/>.</summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message);
