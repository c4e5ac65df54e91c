using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FlashSale.Grains.Hosting;
using FlashSale.Protection.Configuration;
using FlashSale.Runtime.Hosting;
using FlashSale.Runtime.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Client.Api.Tests;

/// <summary>GET /admin/hotkeys on a cluster with a low hot-key threshold, driven by product reads through the gateway.</summary>
[Trait("Category", "Integration")]
public sealed class HotKeyEndpointTests : IAsyncLifetime
{
    private const double Threshold = 100;
    private TestCluster _cluster = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _cluster = new TestClusterBuilder(2)
            .ConfigureSilos(silo =>
            {
                silo.AddMemoryGrainStorageAsDefault().UseInMemoryReminderService();
                silo.AddFlashSale(o => o.ReplicaRefreshPeriod = TimeSpan.FromMilliseconds(100));
                silo.Services.Configure<HotKeyOptions>(o =>
                {
                    o.Threshold = Threshold;
                    o.ScaleOutCooldown = TimeSpan.FromMinutes(5);
                });
            })
            .Build();
        await _cluster.DeployAsync();
        (_app, var address) = await GatewayFixture.StartGatewayAsync(_cluster, GatewayFixture.AdminKey);
        _http = new HttpClient { BaseAddress = address };
        _admin = new HttpClient { BaseAddress = address };
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayFixture.AdminKey);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task AdminHotKeys_ListsASkuReadOverTheThreshold_WithItsRateAndActions_AndNeedsTheKey()
    {
        const string Sku = "hot-tv";
        var created = await _admin.PostAsJsonAsync("/admin/skus", new
        {
            sku = Sku,
            name = "TV",
            price = 499m,
            stock = 100,
            perUserLimit = 1,
            startsAt = DateTimeOffset.UtcNow.AddHours(-1),
            endsAt = DateTimeOffset.UtcNow.AddHours(1),
            shards = 4,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.GetAsync("/admin/hotkeys")).StatusCode);
        Assert.DoesNotContain(await HotKeysAsync(), s => s.GetProperty("sku").GetString() == Sku);

        // Product reads until the SKU is listed: bounded in count and time, stopped as soon as it is.
        using var listed = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var load = Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            for (var i = 0; i < 2_000 && !listed.IsCancellationRequested; i++)
            {
                (await _http.GetAsync($"/api/skus/{Sku}", CancellationToken.None)).EnsureSuccessStatusCode();
            }
        }));
        var first = await WaitForAsync(s => true, Sku, TimeSpan.FromSeconds(15));
        await listed.CancelAsync();
        await load;
        var scaled = await WaitForAsync(s => s.GetProperty("shardCount").GetInt32() == 8, Sku, TimeSpan.FromSeconds(10));

        Assert.True(first.GetProperty("hot").GetBoolean());
        Assert.True(first.GetProperty("ratePerSecond").GetDouble() > Threshold);
        // The rate is the larger of the gateways' and the silos' sums; the reads were counted at this gateway.
        Assert.True(first.GetProperty("gatewayRatePerSecond").GetDouble() > 0);
        Assert.Equal(
            Math.Max(first.GetProperty("gatewayRatePerSecond").GetDouble(), first.GetProperty("siloRatePerSecond").GetDouble()),
            first.GetProperty("ratePerSecond").GetDouble(),
            precision: 6);
        Assert.Equal(1, scaled.GetProperty("scaleOuts").GetInt32());
        Assert.True(scaled.GetProperty("replicaCount").GetInt32() >= 2);
        Assert.Contains(scaled.GetProperty("actions").EnumerateArray(), a => a.GetString()!.Contains("shards 4 -> 8", StringComparison.Ordinal));
        var product = await _http.GetFromJsonAsync<JsonElement>($"/api/skus/{Sku}");
        Assert.Equal(Sku, product.GetProperty("sku").GetString());
    }

    private async Task<List<JsonElement>> HotKeysAsync()
    {
        var response = await _admin.GetAsync("/admin/hotkeys");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    private async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> condition, string sku, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if ((await HotKeysAsync()).FirstOrDefault(s => s.GetProperty("sku").GetString() == sku) is { ValueKind: JsonValueKind.Object } status && condition(status))
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"SKU {sku} was not listed as expected within {timeout}.");
            await Task.Delay(20);
        }
    }
}
