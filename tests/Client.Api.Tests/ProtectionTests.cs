using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashSale.Client.Api.RateLimiting;
using FlashSale.Grains;
using FlashSale.Protection.Switches;
using FlashSale.Runtime.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace FlashSale.Client.Api.Tests;

/// <summary>Rate limits and degrade switches, end to end through the gateway.</summary>
[Trait("Category", "Integration")]
public sealed class ProtectionTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Purchase_OverSkuRate_Answers429WithRetryAfter_WithoutGrainCall()
    {
        var sku = await CreateSkuAsync(stock: 100, purchasesPerSecond: 4);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 30; i++)
        {
            answers.Add(await BuyAsync(fixture.Http, sku, $"buyer-{i}"));
        }

        var throttled = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        var sold = answers.Count(a => a.StatusCode == HttpStatusCode.OK);
        Assert.NotEmpty(throttled);
        Assert.InRange(sold, 1, 29);
        Assert.Equal(30, sold + throttled.Count);
        foreach (var answer in throttled)
        {
            Assert.True(int.Parse(answer.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }

        // Every call that reached a shard was counted there: exactly the admitted ones.
        Assert.Equal(sold, await ShardCallsAsync(sku));
    }

    [Fact]
    public async Task Purchase_OverBuyerRate_Answers429_OtherBuyersUnaffected()
    {
        var (app, http) = await StartGatewayAsync(new() { ["FlashSale:RateLimits:BuyerPurchasesPerSecond"] = "2" });
        await using var _ = app;
        using var __ = http;
        var sku = await CreateSkuAsync(stock: 100, limit: 50);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            answers.Add((await BuyAsync(http, sku, "eager")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        Assert.Contains(HttpStatusCode.OK, answers);
        Assert.Equal(HttpStatusCode.OK, (await BuyAsync(http, sku, "patient")).StatusCode);
        Assert.Equal(answers.Count(a => a == HttpStatusCode.OK) + 1, await ShardCallsAsync(sku));
    }

    [Fact]
    public async Task RateBudget_IsDividedAmongLiveGateways()
    {
        var mine = fixture.GatewayServices.GetRequiredService<PurchaseRateLimiter>();
        var (app, http) = await StartGatewayAsync([]);
        using var _ = http;
        var theirs = app.Services.GetRequiredService<PurchaseRateLimiter>();

        await Eventually.UntilAsync(() => mine.ShareOf(100) == 50 && theirs.ShareOf(100) == 50, Deadline, "both gateways to see two live gateways");

        await app.StopAsync();
        await app.DisposeAsync();
        await Eventually.UntilAsync(() => mine.ShareOf(100) == 100, Deadline, "the remaining gateway to take the whole budget back");
    }

    [Fact]
    public async Task PausedSku_Answers503WithReason_AtGatewayAndShards_ThenResumes()
    {
        var sku = await CreateSkuAsync(stock: 10);
        var version = await PutAsync($"/admin/switches/skus/{sku}", """{"paused":true,"pauseReason":"Restocking the warehouse"}""");
        await WaitForSilosAsync(version);

        var refused = await BuyAsync(fixture.Http, sku, "alice");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("Restocking the warehouse", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var product = JsonDocument.Parse(await fixture.Http.GetStringAsync($"/api/skus/{sku}")))
        {
            Assert.Equal("paused", product.RootElement.GetProperty("status").GetString());
        }

        // A caller that skips the gateway (a cluster client) is refused by the shard itself.
        var direct = await fixture.Cluster.Client.GetGrain<IStockShardGrain>(ShardRouting.ShardKey(sku, 0)).Purchase(new PurchaseRequest("bob", 1, "r1"));
        Assert.Equal(PurchaseOutcome.Paused, direct.Outcome);
        Assert.Equal(0, (await LedgerAsync(sku)).GetProperty("sold").GetInt32());

        var resumed = await fixture.Admin.DeleteAsync($"/admin/switches/skus/{sku}");
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        await WaitForSilosAsync(await VersionOfAsync(resumed));
        Assert.Equal(HttpStatusCode.OK, (await BuyAsync(fixture.Http, sku, "alice")).StatusCode);
    }

    [Fact]
    public async Task SwitchSetBeforeGatewayStarts_IsHonouredByItsFirstRequests()
    {
        var sku = await CreateSkuAsync(stock: 10);
        await PutAsync($"/admin/switches/skus/{sku}", """{"paused":true,"pauseReason":"Set before you came","dropNonCoreFields":true}""");

        var (app, http) = await StartGatewayAsync([]);
        await using var gateway = app;
        using var client = http;

        var first = await BuyAsync(http, sku, "early-bird");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Contains("Set before you came", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var product = JsonDocument.Parse(await http.GetStringAsync($"/api/skus/{sku}"));
        Assert.False(product.RootElement.TryGetProperty("name", out var _));
        Assert.Equal("paused", product.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, await ShardCallsAsync(sku));
    }

    [Fact]
    public async Task DropNonCoreFieldsSwitch_LeavesNameRemainingAndLimitOut()
    {
        var sku = await CreateSkuAsync(stock: 10);
        await PutAsync($"/admin/switches/skus/{sku}", """{"dropNonCoreFields":true}""");
        using (var degraded = JsonDocument.Parse(await fixture.Http.GetStringAsync($"/api/skus/{sku}")))
        {
            Assert.False(degraded.RootElement.TryGetProperty("name", out _));
            Assert.False(degraded.RootElement.TryGetProperty("remaining", out _));
            Assert.False(degraded.RootElement.TryGetProperty("perUserLimit", out _));
            Assert.True(degraded.RootElement.GetProperty("degraded").GetBoolean());
            Assert.Equal(99.5m, degraded.RootElement.GetProperty("price").GetDecimal());
        }

        await fixture.Admin.DeleteAsync($"/admin/switches/skus/{sku}");
        using var full = JsonDocument.Parse(await fixture.Http.GetStringAsync($"/api/skus/{sku}"));
        Assert.Equal("Phone", full.RootElement.GetProperty("name").GetString());
        Assert.False(full.RootElement.TryGetProperty("degraded", out _));
    }

    [Theory]
    [InlineData("/admin/switches", """{"writeMode":"turbo"}""")]
    [InlineData("/admin/switches", """{"paused":"yes"}""")]
    [InlineData("/admin/switches", """{"paused":true,"colour":"red"}""")]
    [InlineData("/admin/switches", """not json""")]
    [InlineData("/admin/switches/skus/bad%20sku", """{"paused":true}""")]
    [InlineData("/admin/switches/skus/fine", """{"pauseReason":"line\nbreak"}""")]
    public async Task PutSwitches_BadInput_Answers400_ChangesNothing(string path, string body)
    {
        var before = await VersionOfAsync(await fixture.Admin.GetAsync("/admin/switches"));

        var answer = await fixture.Admin.PutAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await VersionOfAsync(await fixture.Admin.GetAsync("/admin/switches")));
    }

    [Fact]
    public async Task PutSwitches_WithoutAdminKey_Answers401()
    {
        var answer = await fixture.Http.PutAsync("/admin/switches", new StringContent("""{"paused":true}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
    }

    [Fact]
    public async Task SwitchChange_ReachesOtherGatewaysAndEverySilo_WithinAboutASecond()
    {
        var (app, http) = await StartGatewayAsync([]);
        await using var _ = app;
        using var __ = http;
        var theirs = app.Services.GetRequiredService<SwitchBoard>();
        await Eventually.UntilAsync(() => theirs.IsLoaded, Deadline, "the new gateway to load the switches");
        var sku = "propagation-" + Guid.NewGuid().ToString("N")[..6];

        var watch = Stopwatch.StartNew();
        var version = await PutAsync($"/admin/switches/skus/{sku}", """{"writeMode":"fast"}""");
        await Eventually.UntilAsync(
            () => theirs.Current.Version >= version && fixture.Cluster.ActiveSilos.All(s => s.ServiceProvider.GetRequiredService<SwitchBoard>().Current.Version >= version),
            Deadline,
            "every process to see the change");
        watch.Stop();

        output.WriteLine($"switch change in force on the other gateway and {fixture.Cluster.ActiveSilos.Count} silos after {watch.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(WriteMode.Fast, theirs.For(sku).WriteMode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task ReadFallbackSwitch_ServesLastKnownView_WhenTheClusterIsUnreachable()
    {
        var isolated = new GatewayFixture();
        await isolated.InitializeAsync();
        try
        {
            var kept = await CreateSkuAsync(stock: 5, admin: isolated.Admin);
            var lost = await CreateSkuAsync(stock: 5, admin: isolated.Admin);
            Assert.Equal(HttpStatusCode.OK, (await isolated.Http.GetAsync($"/api/skus/{kept}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await isolated.Http.GetAsync($"/api/skus/{lost}")).StatusCode);
            var on = await isolated.Admin.PutAsync($"/admin/switches/skus/{kept}", new StringContent("""{"readFallback":true}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, on.StatusCode);

            foreach (var silo in isolated.Cluster.ActiveSilos)
            {
                await isolated.Cluster.KillSiloAsync(silo);
            }

            // Without the switch the gateway says it cannot reach the cluster; with it, it serves the last view it saw.
            await Eventually.UntilAsync(async () => (await isolated.Http.GetAsync($"/api/skus/{lost}")).StatusCode == HttpStatusCode.ServiceUnavailable, Deadline, "reads of an unswitched SKU to fail");
            var fallback = await isolated.Http.GetAsync($"/api/skus/{kept}");
            Assert.Equal(HttpStatusCode.OK, fallback.StatusCode);
            using var view = JsonDocument.Parse(await fallback.Content.ReadAsStringAsync());
            Assert.True(view.RootElement.GetProperty("stale").GetBoolean());
            Assert.Equal("Phone", view.RootElement.GetProperty("name").GetString());
        }
        finally
        {
            await isolated.DisposeAsync();
        }
    }

    private async Task<(WebApplication App, HttpClient Http)> StartGatewayAsync(Dictionary<string, string?> settings)
    {
        var (app, address) = await GatewayFixture.StartGatewayAsync(fixture.Cluster, GatewayFixture.AdminKey, settings);
        return (app, new HttpClient { BaseAddress = address });
    }

    private Task<string> CreateSkuAsync(int stock, int limit = 1, int? purchasesPerSecond = null, HttpClient? admin = null) =>
        Api.CreateSkuAsync(admin ?? fixture.Admin, stock, limit, shards: 2, purchasesPerSecond: purchasesPerSecond);

    private static Task<HttpResponseMessage> BuyAsync(HttpClient http, string sku, string user) =>
        http.PostAsJsonAsync($"/api/skus/{sku}/purchase", new { userId = user, quantity = 1, requestId = Guid.NewGuid().ToString("N") });

    /// <summary>Purchases that reached the SKU's shards (sold or refused there), from the shards' own counters.</summary>
    private async Task<long> ShardCallsAsync(string sku)
    {
        var ledger = await LedgerAsync(sku);
        long calls = 0;
        foreach (var shard in ledger.GetProperty("shards").EnumerateArray())
        {
            var counters = await fixture.Cluster.Client.GetGrain<IStockShardGrain>(ShardRouting.ShardKey(sku, shard.GetProperty("index").GetInt32())).GetCounters();
            calls += counters.Sold + counters.Rejected;
        }

        return calls;
    }

    private async Task<JsonElement> LedgerAsync(string sku)
    {
        using var ledger = JsonDocument.Parse(await fixture.Admin.GetStringAsync($"/admin/skus/{sku}"));
        return ledger.RootElement.Clone();
    }

    private async Task<long> PutAsync(string path, string json)
    {
        var answer = await fixture.Admin.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await VersionOfAsync(answer);
    }

    private static async Task<long> VersionOfAsync(HttpResponseMessage answer)
    {
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("version").GetInt64();
    }

    private Task<TimeSpan> WaitForSilosAsync(long version) =>
        Eventually.UntilAsync(
            () => fixture.Cluster.ActiveSilos.All(s => s.ServiceProvider.GetRequiredService<SwitchBoard>().Current.Version >= version),
            Deadline,
            $"every silo to apply switches version {version}");
}
