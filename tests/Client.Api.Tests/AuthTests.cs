using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace FlashSale.Client.Api.Tests;

/// <summary>Buyer identity on a gateway that requires buyer tokens (signing key, issuer and audience configured).</summary>
[Trait("Category", "Integration")]
public sealed class AuthTests(AuthGatewayFixture fixture) : IClassFixture<AuthGatewayFixture>
{
    private const string JwtBearerCategory = "Microsoft.AspNetCore.Authentication.JwtBearer";
    private const int DevelopmentWarningEvent = 2100;

    private Task<HttpResponseMessage> BuyAsync(string sku, string? token, string? userId = null, int quantity = 1) =>
        Api.PostAsync(fixture.Http, $"/api/skus/{sku}/purchase", token, new { userId, quantity, requestId = Guid.NewGuid().ToString("N") });

    private async Task AssertNothingSoldAsync(string sku)
    {
        var ledger = await Api.LedgerAsync(fixture.Admin, sku);
        Assert.Equal(0, ledger.GetProperty("sold").GetInt32());
        Assert.Empty(fixture.Inner.Orders.ForSku(sku));
    }

    [Fact]
    public async Task Purchase_ValidToken_BuysAsTheTokenSubject()
    {
        var sku = await Api.CreateSkuAsync(fixture.Admin);
        var alice = Api.NewUser("alice");

        var withoutUserId = await BuyAsync(sku, TestTokens.Create(alice));
        var withSameUserId = await BuyAsync(sku, TestTokens.Create(alice), userId: alice);

        Assert.Equal(HttpStatusCode.OK, withoutUserId.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withSameUserId.StatusCode);
        Assert.Equal(alice, (await withoutUserId.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userId").GetString());
        Assert.All(fixture.Inner.Orders.ForSku(sku), order => Assert.Equal(alice, order.UserId));
        Assert.Equal(2, fixture.Inner.Orders.ForSku(sku).Count());
    }

    public static TheoryData<string> RejectedTokens => new()
    {
        "forged", "expired", "not-yet-valid", "no-expiry", "wrong-issuer", "wrong-audience", "no-issuer",
        "garbage", "empty", "unsigned", "hs512", "no-subject", "malformed-subject", "huge",
    };

    private static string RejectedToken(string kind, string subject) => kind switch
    {
        "forged" => TestTokens.Create(subject, key: "another-key-of-at-least-32-bytes-xxxxxxxx"),
        "expired" => TestTokens.Create(subject, notBefore: DateTime.UtcNow.AddMinutes(-10), expires: DateTime.UtcNow.AddMinutes(-2)),
        "not-yet-valid" => TestTokens.Create(subject, notBefore: DateTime.UtcNow.AddMinutes(2), expires: DateTime.UtcNow.AddMinutes(10)),
        "no-expiry" => TestTokens.Create(subject, withExpiry: false),
        "wrong-issuer" => TestTokens.Create(subject, issuer: "someone-else"),
        "wrong-audience" => TestTokens.Create(subject, audience: "another-service"),
        "no-issuer" => TestTokens.Create(subject, issuer: null),
        "garbage" => "not.a.jwt",
        "empty" => "",
        "unsigned" => TestTokens.Unsigned(subject),
        "hs512" => TestTokens.Create(subject, algorithm: SecurityAlgorithms.HmacSha512),
        "no-subject" => TestTokens.Create(null),
        "malformed-subject" => TestTokens.Create("eve <script>"),
        "huge" => TestTokens.Create(subject) + new string('A', 6000),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task Purchase_RejectedToken_401ProblemDetails_NothingSold(string kind)
    {
        var sku = await Api.CreateSkuAsync(fixture.Admin);
        var mallory = Api.NewUser("mallory");

        var response = await BuyAsync(sku, RejectedToken(kind, mallory), userId: mallory);

        await Api.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await AssertNothingSoldAsync(sku);
    }

    [Fact]
    public async Task Purchase_NoToken_401EvenWithBodyUserId_NothingSold()
    {
        var sku = await Api.CreateSkuAsync(fixture.Admin);

        var response = await BuyAsync(sku, token: null, userId: "alice");

        var problem = await Api.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("bearer token", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        await AssertNothingSoldAsync(sku);
    }

    [Fact]
    public async Task Purchase_TokenOfAliceBodyUserIdBob_403_NothingSoldToEither()
    {
        var sku = await Api.CreateSkuAsync(fixture.Admin);
        var (alice, bob) = (Api.NewUser("alice"), Api.NewUser("bob"));

        var response = await BuyAsync(sku, TestTokens.Create(alice), userId: bob);

        await Api.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.DoesNotContain(fixture.Inner.Orders.All, o => o.UserId == alice || o.UserId == bob);
        await AssertNothingSoldAsync(sku);
    }

    [Fact]
    public async Task Orders_AnotherBuyer_Gets404ForReadAndPay_OwnerReadsAndPays()
    {
        var sku = await Api.CreateSkuAsync(fixture.Admin);
        var (alice, bob) = (Api.NewUser("alice"), Api.NewUser("bob"));
        var (aliceToken, bobToken) = (TestTokens.Create(alice), TestTokens.Create(bob));
        var bought = await BuyAsync(sku, bobToken);
        Assert.Equal(HttpStatusCode.OK, bought.StatusCode);
        var orderId = (await bought.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString();

        await Api.AssertProblemAsync(await Api.SendAsync(fixture.Http, HttpMethod.Get, $"/api/orders/{orderId}", aliceToken), HttpStatusCode.NotFound);
        await Api.AssertProblemAsync(await Api.SendAsync(fixture.Http, HttpMethod.Post, $"/api/orders/{orderId}/pay", aliceToken), HttpStatusCode.NotFound);
        await Api.AssertProblemAsync(await Api.SendAsync(fixture.Http, HttpMethod.Get, $"/api/orders/{orderId}", token: null), HttpStatusCode.Unauthorized);
        await Api.AssertProblemAsync(await Api.SendAsync(fixture.Http, HttpMethod.Post, $"/api/orders/{orderId}/pay", token: null), HttpStatusCode.Unauthorized);

        var read = await Api.SendAsync(fixture.Http, HttpMethod.Get, $"/api/orders/{orderId}", bobToken);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("pending", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var paid = await Api.SendAsync(fixture.Http, HttpMethod.Post, $"/api/orders/{orderId}/pay", bobToken);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal("paid", (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Reservation_UsesTokenSubject_401WithoutToken_403ForAnotherUserId()
    {
        var sku = await Api.CreateSkuAsync(fixture.Admin);
        var alice = Api.NewUser("alice");
        var path = $"/api/skus/{sku}/reservations";

        Assert.Equal(HttpStatusCode.Accepted, (await Api.PostAsync(fixture.Http, path, TestTokens.Create(alice), new { })).StatusCode);
        await Api.AssertProblemAsync(await Api.PostAsync(fixture.Http, path, token: null, new { userId = alice }), HttpStatusCode.Unauthorized);
        await Api.AssertProblemAsync(await Api.PostAsync(fixture.Http, path, TestTokens.Create(alice), new { userId = "bob" }), HttpStatusCode.Forbidden);
        await Api.AssertProblemAsync(await Api.PostAsync(fixture.Http, path, RejectedToken("forged", alice), new { }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Admin_WithBuyerTokensOn_KeepsItsOwnKey_AndTheJwtSchemeNeverRunsThere()
    {
        var sku = await Api.CreateSkuAsync(fixture.Admin);
        int JwtEntries() => fixture.Logs.Entries.Count(e => e.Category.StartsWith(JwtBearerCategory, StringComparison.Ordinal));
        var before = JwtEntries();

        Assert.Equal(HttpStatusCode.OK, (await fixture.Admin.GetAsync($"/admin/skus/{sku}")).StatusCode);
        await Api.AssertProblemAsync(await Api.SendAsync(fixture.Http, HttpMethod.Get, $"/admin/skus/{sku}", TestTokens.Create("alice")), HttpStatusCode.Unauthorized);
        await Api.AssertProblemAsync(await Api.SendAsync(fixture.Http, HttpMethod.Get, $"/admin/skus/{sku}", "not.a.jwt"), HttpStatusCode.Unauthorized);
        var afterAdmin = JwtEntries();
        await BuyAsync(sku, "not.a.jwt");

        Assert.Equal(before, afterAdmin);
        Assert.True(JwtEntries() > afterAdmin, "JwtBearer logs a refused token on a buyer route, so its silence on admin routes means it did not run.");
    }

    [Fact]
    public async Task Startup_WithoutSigningKey_WarnsThatBodyUserIdsAreTrusted_OnlyThen()
    {
        var logs = new CapturingLoggerProvider();
        var (app, _) = await GatewayFixture.StartGatewayAsync(fixture.Inner.Cluster, GatewayFixture.AdminKey, logging: l => l.AddProvider(logs));
        await using var _ = app;
        await app.StopAsync();

        // Without a key there is nothing to authenticate, so no services that would make the host add the middlewares.
        Assert.Null(app.Services.GetService<IAuthenticationSchemeProvider>());
        Assert.Null(app.Services.GetService<IAuthorizationHandlerProvider>());
        Assert.NotNull(fixture.GatewayServices.GetService<IAuthenticationSchemeProvider>());

        var warning = Assert.Single(logs.Entries, e => e.EventId.Id == DevelopmentWarningEvent);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("userId", warning.Message, StringComparison.Ordinal);
        Assert.Contains("development only", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Logs.Entries, e => e.EventId.Id == DevelopmentWarningEvent);
    }

    [Theory]
    [InlineData("FlashSale:Auth:SigningKey", "only-31-bytes-long-not-enough!!", "at least 32 bytes")]
    [InlineData("FlashSale:Auth:SigningKey", "                                ", "at least 32 bytes")]
    [InlineData("FlashSale:Auth:Issuer", "flashsale", "need FlashSale:Auth:SigningKey")]
    [InlineData("FlashSale:Auth:ClockSkew", "01:00:00", "ClockSkew")]
    public async Task Startup_InvalidAuthOptions_RefusedWithClearMessage(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { [key] = value };

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayFixture.StartGatewayAsync(fixture.Inner.Cluster, GatewayFixture.AdminKey, settings));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }
}
