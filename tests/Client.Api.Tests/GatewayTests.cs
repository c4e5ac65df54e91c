using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashSale.Grains;

namespace FlashSale.Client.Api.Tests;

[Trait("Category", "Integration")]
public sealed class GatewayTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static string NewSku() => "sku-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<string> CreateSkuAsync(int stock = 10, int limit = 2, DateTimeOffset? startsAt = null, DateTimeOffset? endsAt = null)
    {
        var sku = NewSku();
        var response = await fixture.Admin.PostAsJsonAsync("/admin/skus", new
        {
            sku,
            name = "Phone",
            price = 99.5m,
            stock,
            perUserLimit = limit,
            startsAt = startsAt ?? DateTimeOffset.UtcNow.AddHours(-1),
            endsAt = endsAt ?? DateTimeOffset.UtcNow.AddHours(1),
            shards = 4,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return sku;
    }

    private Task<HttpResponseMessage> BuyAsync(string sku, string user, int quantity = 1, string? requestId = null) =>
        fixture.Http.PostAsJsonAsync($"/api/skus/{sku}/purchase", new { userId = user, quantity, requestId = requestId ?? Guid.NewGuid().ToString("N") });

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("title", out _));
    }

    private async Task<int> SoldUnitsAsync(string sku) =>
        fixture.Orders.ForSku(sku).Sum(o => o.Quantity) + (await fixture.Cluster.Client.GetGrain<ISkuGrain>(sku).GetLedger())!.Sold;

    [Fact]
    public async Task Purchase_Valid_Returns200WithOrder_AndOrderCanBeRead()
    {
        var sku = await CreateSkuAsync();

        var response = await BuyAsync(sku, "alice", 2);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();

        // Sent whole with its length (one send), not chunked, and with the gateway's JSON names.
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(body), response.Content.Headers.ContentLength);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var order = JsonDocument.Parse(body);
        Assert.Equal("pending", order.RootElement.GetProperty("status").GetString());
        var orderId = order.RootElement.GetProperty("orderId").GetString();
        Assert.Equal(sku, order.RootElement.GetProperty("sku").GetString());
        Assert.Equal(2, order.RootElement.GetProperty("quantity").GetInt32());
        var read = await fixture.Http.GetAsync($"/api/orders/{orderId}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await AssertProblemAsync(await fixture.Http.GetAsync("/api/orders/no-such-order"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Purchase_EveryRejection_HasItsStatusAndProblemDetails()
    {
        var sku = await CreateSkuAsync(stock: 3, limit: 2);
        Assert.Equal(HttpStatusCode.OK, (await BuyAsync(sku, "u1", 2)).StatusCode);

        await AssertProblemAsync(await BuyAsync(sku, "u1", 1), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await BuyAsync(sku, "u2", 1)).StatusCode);
        await AssertProblemAsync(await BuyAsync(sku, "u3", 1), HttpStatusCode.Conflict);
        await AssertProblemAsync(await BuyAsync("no-such-sku", "u1", 1), HttpStatusCode.NotFound);

        var early = await CreateSkuAsync(startsAt: DateTimeOffset.UtcNow.AddHours(1), endsAt: DateTimeOffset.UtcNow.AddHours(2));
        await AssertProblemAsync(await BuyAsync(early, "u1", 1), (HttpStatusCode)425);
        var late = await CreateSkuAsync(startsAt: DateTimeOffset.UtcNow.AddHours(-2), endsAt: DateTimeOffset.UtcNow.AddSeconds(-1));
        await AssertProblemAsync(await BuyAsync(late, "u1", 1), HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Purchase_RetrySameRequestId_SameOrder_NothingMoreSold()
    {
        var sku = await CreateSkuAsync(stock: 10, limit: 5);

        var first = await (await BuyAsync(sku, "bob", 1, "r-1")).Content.ReadAsStringAsync();
        var second = await (await BuyAsync(sku, "bob", 1, "r-1")).Content.ReadAsStringAsync();

        Assert.Equal(JsonDocument.Parse(first).RootElement.GetProperty("orderId").GetString(), JsonDocument.Parse(second).RootElement.GetProperty("orderId").GetString());
        Assert.Single(fixture.Orders.ForSku(sku));
    }

    public static TheoryData<string, int> BadBodies => new()
    {
        { """{"quantity":1,"requestId":"r"}""", 400 },
        { """{"userId":"a","requestId":"r"}""", 400 },
        { """{"userId":"a","quantity":0,"requestId":"r"}""", 400 },
        { """{"userId":"a","quantity":-3,"requestId":"r"}""", 400 },
        { """{"userId":"a","quantity":3,"requestId":"r"}""", 400 },
        { """{"userId":"a","quantity":1}""", 400 },
        { "{\"userId\":\"" + new string('x', 65) + "\",\"quantity\":1,\"requestId\":\"r\"}", 400 },
        { "{\"userId\":\"a\",\"quantity\":1,\"requestId\":\"" + new string('y', 65) + "\"}", 400 },
        { """{"userId":"a b<script>","quantity":1,"requestId":"r"}""", 400 },
        { """{"userId":"a","quantity":1,"requestId":"r","isAdmin":true}""", 400 },
        { """{"userId":"a","quantity":"one","requestId":"r"}""", 400 },
        { """{"userId":"a","quantity":1,""", 400 },
        { "not json at all", 400 },
        { "", 400 },
        { "{\"userId\":\"a\",\"quantity\":1,\"requestId\":\"r\",\"pad\":\"" + new string('z', 20_000) + "\"}", 413 },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Purchase_BadInput_ProblemDetails_AndNothingChanges(string body, int status)
    {
        var sku = await CreateSkuAsync(stock: 10, limit: 2);

        var response = await fixture.Http.PostAsync($"/api/skus/{sku}/purchase", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, (HttpStatusCode)status);
        Assert.Equal(0, await SoldUnitsAsync(sku));
    }

    [Fact]
    public async Task Product_ReturnsViewFromReplica_Or404()
    {
        var sku = await CreateSkuAsync(stock: 7);

        var response = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/skus/{sku}");

        Assert.Equal(sku, response.GetProperty("sku").GetString());
        Assert.Equal(99.5m, response.GetProperty("price").GetDecimal());
        Assert.Equal(7, response.GetProperty("remaining").GetInt32());
        Assert.Equal("active", response.GetProperty("status").GetString());
        await AssertProblemAsync(await fixture.Http.GetAsync("/api/skus/unknown-sku"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await fixture.Http.GetAsync("/api/skus/bad%20sku!"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Admin_WithoutOrWithWrongKey_Is401()
    {
        var noKey = await fixture.Http.PostAsJsonAsync("/admin/skus", new { sku = "x" });
        await AssertProblemAsync(noKey, HttpStatusCode.Unauthorized);

        using var wrong = new HttpClient { BaseAddress = fixture.Http.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-key");
        await AssertProblemAsync(await wrong.GetAsync("/admin/skus/anything"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Admin_NoKeyConfigured_Is401EvenWithAKey()
    {
        var (app, address) = await GatewayFixture.StartGatewayAsync(fixture.Cluster, adminKey: null);
        await using var _ = app;
        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", "");

        await AssertProblemAsync(await client.GetAsync("/admin/skus/anything"), HttpStatusCode.Unauthorized);
        await app.StopAsync();
    }

    [Fact]
    public async Task Admin_CreateThenUpdate_AndLedgerShowsShardsAndSilos()
    {
        var sku = await CreateSkuAsync(stock: 40, limit: 2);
        await BuyAsync(sku, "carol");

        var update = await fixture.Admin.PostAsJsonAsync("/admin/skus", new
        {
            sku, name = "Phone v2", price = 89m, stock = 50, perUserLimit = 2,
            startsAt = DateTimeOffset.UtcNow.AddHours(-1), endsAt = DateTimeOffset.UtcNow.AddHours(1), shards = 4,
        });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        var ledger = await fixture.Admin.GetFromJsonAsync<JsonElement>($"/admin/skus/{sku}");
        Assert.Equal("Phone v2", ledger.GetProperty("campaign").GetProperty("name").GetString());
        var shards = ledger.GetProperty("shards").EnumerateArray().ToList();
        Assert.NotEmpty(shards);
        var silos = fixture.Cluster.Silos.Select(s => s.SiloAddress.ToString()).ToHashSet();
        Assert.All(shards, s => Assert.Contains(s.GetProperty("silo").GetString()!, silos));
        var invalid = await fixture.Admin.PostAsJsonAsync("/admin/skus", new { sku, name = "x", price = 1, stock = -1, perUserLimit = 0, startsAt = DateTimeOffset.UtcNow, endsAt = DateTimeOffset.UtcNow.AddHours(-1) });
        await AssertProblemAsync(invalid, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task HealthAndOpenApi_Answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync("/health/ready")).StatusCode);
        var openApi = await fixture.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/skus/{sku}/purchase", out _));
    }

    [Fact]
    public async Task Reservation_IsAccepted()
    {
        var sku = await CreateSkuAsync();

        var response = await fixture.Http.PostAsJsonAsync($"/api/skus/{sku}/reservations", new { userId = "dave" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Pay_WithinWindow_200AndIdempotent_LatePayment409_Unknown404()
    {
        var sku = await CreateSkuAsync(stock: 10, limit: 5);
        using var first = JsonDocument.Parse(await (await BuyAsync(sku, "payer-1")).Content.ReadAsStringAsync());
        using var second = JsonDocument.Parse(await (await BuyAsync(sku, "payer-2")).Content.ReadAsStringAsync());
        var onTime = first.RootElement.GetProperty("orderId").GetString();
        var late = second.RootElement.GetProperty("orderId").GetString();

        var paid = await fixture.Http.PostAsync($"/api/orders/{onTime}/pay", null);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal("paid", (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.PostAsync($"/api/orders/{onTime}/pay", null)).StatusCode);

        var deadline = second.RootElement.GetProperty("createdAt").GetDateTimeOffset() + GatewayFixture.PaymentWindow;
        while (DateTimeOffset.UtcNow <= deadline)
        {
            await Task.Delay(50);
        }

        await AssertProblemAsync(await fixture.Http.PostAsync($"/api/orders/{late}/pay", null), HttpStatusCode.Conflict);
        await AssertProblemAsync(await fixture.Http.PostAsync("/api/orders/no-such-order/pay", null), HttpStatusCode.NotFound);
    }
}
