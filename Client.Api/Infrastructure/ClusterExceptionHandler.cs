using FlashSale.Runtime;
using Microsoft.AspNetCore.Diagnostics;

namespace FlashSale.Client.Api.Infrastructure;

/// <summary>Turns cluster failures (no silo reachable, a call timing out) into 503 problem details with Retry-After.</summary>
public sealed partial class ClusterExceptionHandler(IProblemDetailsService problems, ILogger<ClusterExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (SiloUnavailableException or TimeoutException))
        {
            return false;
        }

        LogClusterUnavailable(logger, httpContext.Request.Path, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "The cluster is temporarily unavailable.", Detail = "Try again shortly; nothing was changed." },
        });
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "Request {Path} failed because the cluster is unavailable: {Reason}")]
    private static partial void LogClusterUnavailable(ILogger logger, string path, string reason);
}
