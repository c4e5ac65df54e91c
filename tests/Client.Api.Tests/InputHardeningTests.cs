using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace FlashSale.Client.Api.Tests;

/// <summary>Malformed input on every public and admin endpoint is a 4xx problem and changes nothing.</summary>
[Trait("Category", "Integration")]
public sealed class InputHardeningTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string AdminPath = "/admin/skus";

    private static string Campaign(string sku, string name = "Phone", string stock = "10", string writeMode = "\"durable\"") =>
        $$"""{"sku":"{{sku}}","name":{{name}},"price":10,"stock":{{stock}},"perUserLimit":2,"startsAt":"{{DateTimeOffset.UtcNow.AddHours(-1):O}}","endsAt":"{{DateTimeOffset.UtcNow.AddHours(1):O}}","shards":4,"writeMode":{{writeMode}}}""";

    public static TheoryData<string, string, string, string?, string?, int> BadRequests => new()
    {
        // method, path ({sku} is an open campaign), body, content type, Accept, status. (A NUL in the path never
        // reaches the gateway: Kestrel answers 400 without a body, which the fuzz test accepts.)
        { "POST", "/api/skus/{sku}/purchase", """{"userId":"a","quantity":"1","requestId":"r"}""", "application/json", null, 400 },
        { "POST", "/api/skus/{sku}/purchase", """{"userId":"a","quantity":1,"requestId":"r","userId":"b"}""", "application/json", null, 400 },
        { "POST", "/api/skus/{sku}/purchase", """{"userId":"a","quantity":2147483648,"requestId":"r"}""", "application/json", null, 400 },
        { "POST", "/api/skus/{sku}/purchase", """{"userId":"a","quantity":1,"requestId":"r"}""", "text/plain", null, 415 },
        { "POST", "/api/skus/{sku}/purchase", """{"userId":"a","quantity":1,"requestId":"r"}""", null, null, 415 },
        { "POST", "/api/skus/{sku}/purchase", "null", "application/json", null, 400 },
        { "POST", "/api/skus/{sku}/purchase", """{"userId":"a","quantity":1,"requestId":"r",}""", "application/json", "text/html", 400 },
        { "POST", "/api/skus/%01{sku}/purchase", """{"userId":"a","quantity":1,"requestId":"r"}""", "application/json", null, 400 },
        { "POST", "/api/skus/{sku}/reservations", """{"userId":"a\u0000"}""", "application/json", null, 400 },
        { "POST", "/api/skus/{sku}/reservations", """{"userId":[[[[[[[[[["a"]]]]]]]]]]}""", "application/json", null, 400 },
        { "POST", "/api/skus/{sku}/reservations", """{"userId":"a"}""", "application/xml", "application/xml", 415 },
        { "POST", "/api/skus/{sku}/reservations", "", "application/json", null, 400 },
        { "POST", "/api/orders/a%0Ab/pay", "", null, null, 400 },
        { "POST", "/api/orders/" + new string('o', 300) + "/pay", "", null, "text/html", 400 },
        { "GET", "/api/orders/%E2%80%AE", "", null, null, 400 },
        { "GET", "/api/skus/%7F", "", null, "image/png", 400 },
        { "DELETE", "/api/skus/{sku}/purchase", "", null, "text/html", 405 },
        { "POST", AdminPath, Campaign("{sku}", name: "\"a\\u0000b\""), "application/json", null, 400 },
        { "POST", AdminPath, Campaign("{sku}", name: "\"\\u202eevil\""), "application/json", null, 400 },
        { "POST", AdminPath, Campaign("{sku}", name: "\"" + new string('n', 201) + "\""), "application/json", null, 400 },
        { "POST", AdminPath, Campaign("{sku}", stock: "\"10\""), "application/json", null, 400 },
        { "POST", AdminPath, Campaign("{sku}", writeMode: "\"1\""), "application/json", null, 400 },
        { "POST", AdminPath, Campaign("{sku}", writeMode: "\"Durable,Fast\""), "application/json", null, 400 },
        { "POST", AdminPath, Campaign("{sku}").Replace("\"startsAt\":\"", "\"startsAt\":\"2024-02-30", StringComparison.Ordinal), "application/json", null, 400 },
        { "POST", AdminPath, Campaign("{sku}"), "text/plain", "text/html", 415 },
        { "GET", "/admin/skus/a%1Bb", "", null, null, 400 },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadRequest_4xxProblemDetails_NothingChanges(string method, string path, string body, string? contentType, string? accept, int status)
    {
        var sku = await Api.CreateSkuAsync(fixture.Admin);
        var before = await Api.LedgerAsync(fixture.Admin, sku);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{sku}", sku, StringComparison.Ordinal));
        if (method != "GET")
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.Replace("{sku}", sku, StringComparison.Ordinal)));
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        var response = await fixture.Admin.SendAsync(request);

        await Api.AssertProblemAsync(response, (HttpStatusCode)status);
        var after = await Api.LedgerAsync(fixture.Admin, sku);
        Assert.Equal(before.GetProperty("campaign").GetRawText(), after.GetProperty("campaign").GetRawText());
        Assert.Equal(0, after.GetProperty("sold").GetInt32());
        Assert.Empty(fixture.Orders.ForSku(sku));
    }

    [Fact]
    public async Task Admin_ValidNameWithAccentsAndEmoji_IsAccepted()
    {
        var sku = Api.NewSku();

        var response = await fixture.Admin.PostAsync(AdminPath, Api.Raw(Campaign(sku, name: "\"Téléphone 📱 — édition limitée\"")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Téléphone 📱 — édition limitée", (await Api.LedgerAsync(fixture.Admin, sku)).GetProperty("campaign").GetProperty("name").GetString());
    }
}
