using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace FlashSale.Client.Api.Tests;

/// <summary>A bounded, seeded fuzz of malformed requests against both gateways: every one is refused with a 4xx problem, and nothing changes.</summary>
[Trait("Category", "Integration")]
public sealed class InputFuzzTests(AuthGatewayFixture fixture, ITestOutputHelper output) : IClassFixture<AuthGatewayFixture>
{
    private const int Seed = 20_240_611;
    private const int Requests = 400;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task MalformedRequests_All4xxProblemDetails_NothingChanges()
    {
        var sku = await Api.CreateSkuAsync(fixture.Inner.Admin);
        var before = await Api.LedgerAsync(fixture.Inner.Admin, sku);
        var ordersBefore = fixture.Inner.Orders.Count;
        var requests = new MalformedRequests(Seed, sku, GatewayFixture.AdminKey, subject => TestTokens.Create(subject, key: "forger-key-forger-key-forger-key-0000"));
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();

        // Header values go out as raw UTF-8, so non-ASCII and control bytes reach the server instead of stopping in the client.
        using var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        using var development = new HttpClient(handler, disposeHandler: false) { BaseAddress = fixture.Inner.Http.BaseAddress };
        using var authenticated = new HttpClient(handler, disposeHandler: false) { BaseAddress = fixture.Http.BaseAddress };
        var sent = 0;
        var clock = Stopwatch.StartNew();

        for (; sent < Requests && clock.Elapsed < Budget; sent++)
        {
            var request = requests.Next();
            var (status, failure) = await SendAndCheckAsync(request.Authenticated ? authenticated : development, request);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (failure is not null)
            {
                failures.Add($"#{sent} {request}: {failure}");
            }
        }

        output.WriteLine($"{sent} requests in {clock.Elapsed.TotalSeconds:F1} s; answers: {string.Join(", ", statuses.Select(s => $"{s.Key} x{s.Value}"))}");
        Assert.True(sent >= 100, $"Only {sent} requests were sent within {Budget}.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} malformed requests were not refused properly:\n{string.Join("\n", failures)}");
        var after = await Api.LedgerAsync(fixture.Inner.Admin, sku);
        Assert.Equal(0, after.GetProperty("sold").GetInt32());
        Assert.Equal(before.GetProperty("pool").GetInt32(), after.GetProperty("pool").GetInt32());
        Assert.Equal(before.GetProperty("campaign").GetRawText(), after.GetProperty("campaign").GetRawText());
        Assert.Equal(ordersBefore, fixture.Inner.Orders.Count);
    }

    private static async Task<(int Status, string? Failure)> SendAndCheckAsync(HttpClient http, FuzzRequest request)
    {
        using var message = new HttpRequestMessage(request.Method, new Uri(http.BaseAddress!, request.Path));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = null;
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(message);
        var status = (int)response.StatusCode;
        return (status, Check(status, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync()));
    }

    private static string? Check(int status, string? mediaType, string text)
    {
        if (status is < 400 or > 499)
        {
            return $"answered {status} {Shorten(text)}";
        }

        // Kestrel refuses some requests (a NUL in the path, a URI or headers too long) before any middleware, without a body.
        if (text.Length == 0)
        {
            return null;
        }

        if (mediaType != "application/problem+json")
        {
            return $"answered {status} as {mediaType}: {Shorten(text)}";
        }

        try
        {
            using var problem = JsonDocument.Parse(text);
            return problem.RootElement.TryGetProperty("status", out var value) && value.GetInt32() == status ? null : $"problem without status {status}: {Shorten(text)}";
        }
        catch (JsonException e)
        {
            return $"answered {status} with a broken problem body ({e.Message}): {Shorten(text)}";
        }
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
