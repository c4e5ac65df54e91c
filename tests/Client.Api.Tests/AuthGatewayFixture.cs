using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace FlashSale.Client.Api.Tests;

/// <summary>
/// The cluster and development gateway of <see cref="GatewayFixture"/>, plus a second gateway on the same cluster
/// with buyer tokens required (signing key, issuer and audience configured) whose logs are captured.
/// </summary>
public sealed class AuthGatewayFixture : IAsyncLifetime
{
    public GatewayFixture Inner { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The gateway that requires buyer tokens, without default headers.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The same gateway with the admin key.</summary>
    public HttpClient Admin { get; private set; } = null!;

    private WebApplication _app = null!;

    /// <summary>The gateway's services.</summary>
    public IServiceProvider GatewayServices => _app.Services;

    public static Dictionary<string, string?> AuthSettings => new()
    {
        ["FlashSale:Auth:SigningKey"] = TestTokens.SigningKey,
        ["FlashSale:Auth:Issuer"] = TestTokens.Issuer,
        ["FlashSale:Auth:Audience"] = TestTokens.Audience,
    };

    public async Task InitializeAsync()
    {
        await Inner.InitializeAsync();

        // JwtBearer's own entries are kept too, to show that it runs on buyer routes only.
        (_app, var address) = await GatewayFixture.StartGatewayAsync(Inner.Cluster, GatewayFixture.AdminKey, AuthSettings, logging => logging
            .AddProvider(Logs)
            .AddFilter<CapturingLoggerProvider>("Microsoft.AspNetCore.Authentication", LogLevel.Debug));
        Http = new HttpClient { BaseAddress = address };
        Admin = new HttpClient { BaseAddress = address };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayFixture.AdminKey);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Inner.DisposeAsync();
    }
}
