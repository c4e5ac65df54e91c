namespace FlashSale.Client.Api.Infrastructure;

/// <summary>Adds a <c>Retry-After</c> header (whole seconds) to another result, such as a 429 problem.</summary>
public sealed class RetryAfterResult(IResult inner, string seconds) : IResult
{
    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = seconds;
        return inner.ExecuteAsync(httpContext);
    }
}
