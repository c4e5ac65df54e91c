using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FlashSale.Client.Api.Tests;

/// <summary>HTTP helpers shared by the gateway tests.</summary>
public static class Api
{
    public static string NewSku() => "sku-" + Guid.NewGuid().ToString("N")[..8];

    public static string NewUser(string name) => $"{name}-{Guid.NewGuid():N}"[..16];

    /// <summary>Creates an open campaign through <paramref name="admin"/> (a client with the admin key).</summary>
    public static async Task<string> CreateSkuAsync(HttpClient admin, int stock = 10, int limit = 2, int shards = 4, int? purchasesPerSecond = null)
    {
        var sku = NewSku();
        var response = await admin.PostAsJsonAsync("/admin/skus", new
        {
            sku,
            name = "Phone",
            price = 99.5m,
            stock,
            perUserLimit = limit,
            startsAt = DateTimeOffset.UtcNow.AddHours(-1),
            endsAt = DateTimeOffset.UtcNow.AddHours(1),
            shards,
            purchasesPerSecond,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return sku;
    }

    /// <summary>The SKU's ledger as the admin endpoint shows it.</summary>
    public static async Task<JsonElement> LedgerAsync(HttpClient admin, string sku)
    {
        var response = await admin.GetAsync($"/admin/skus/{sku}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A JSON POST with an optional bearer token (and no other credentials).</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string? token, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http.SendAsync(request);
    }

    /// <summary>A request with a bearer token.</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http.SendAsync(request);
    }

    /// <summary>A raw body with a content type of the caller's choosing (null: none).</summary>
    public static StringContent Raw(string body, string? contentType = "application/json")
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    /// <summary>Asserts an RFC 7807 answer with <paramref name="status"/>.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("title", out _));
        return problem.RootElement.Clone();
    }
}
