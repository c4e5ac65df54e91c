using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlashSale.LoadGen;

/// <summary>
/// The HTTP ceiling: a minimal Kestrel endpoint on the same route that reads the same body and decrements an
/// in-memory counter with Interlocked, answering 200 or 409; no grains, no JSON binding.
/// </summary>
internal sealed class KestrelCeiling : IAsyncDisposable
{
    private static readonly byte[] Ok = "{\"orderId\":\"o\"}"u8.ToArray();
    private readonly WebApplication _app;
    private long _stock;

    private KestrelCeiling(WebApplication app, long stock)
    {
        _app = app;
        _stock = stock;
    }

    public long Remaining => Interlocked.Read(ref _stock);

    public string Url => _app.Urls.First();

    public static async Task<KestrelCeiling> StartAsync(long stock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var ceiling = new KestrelCeiling(app, stock);
        app.MapPost("/api/skus/{sku}/purchase", ceiling.HandleAsync);
        await app.StartAsync();
        return ceiling;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var buffer = new byte[256];
        while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted) > 0)
        {
        }

        if (Interlocked.Decrement(ref _stock) < 0)
        {
            Interlocked.Increment(ref _stock);
            context.Response.StatusCode = StatusCodes.Status409Conflict;
            return;
        }

        context.Response.ContentType = "application/json";
        context.Response.ContentLength = Ok.Length;
        await context.Response.Body.WriteAsync(Ok, context.RequestAborted);
    }
}
