using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace FlashSale.LoadGen;

/// <summary>
/// Posts purchases over HTTP/1.1 with a body formatted straight to bytes (ByteArrayContent with Content-Length),
/// not through PostAsJsonAsync's chunked serializer, so the client side does not understate the server.
/// </summary>
internal sealed class HttpPurchaser : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly Uri _path;

    public HttpPurchaser(string baseUrl, string sku, int connections)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(30),
        };
        _path = new Uri($"/api/skus/{Uri.EscapeDataString(sku)}/purchase", UriKind.Relative);
    }

    public static byte[] Body(string user) => Encoding.UTF8.GetBytes($"{{\"userId\":\"{user}\",\"quantity\":1,\"requestId\":\"r\"}}");

    public async ValueTask<CallOutcome> PurchaseAsync(string user)
    {
        var content = new ByteArrayContent(Body(user));
        content.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, _path) { Content = content };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => CallOutcome.Accepted,
            HttpStatusCode.Conflict or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests => CallOutcome.Rejected,
            _ => CallOutcome.Failed,
        };
    }

    public void Dispose() => _http.Dispose();
}
