using FlashSale.Client.Api.Configuration;
using Microsoft.Extensions.Options;

namespace FlashSale.Client.Api.Hosting;

/// <summary>Warns at start when no buyer-token signing key is configured, so that a production gateway never trusts body userIds quietly.</summary>
internal sealed partial class DevelopmentIdentityWarning(IOptions<AuthOptions> options, ILogger<DevelopmentIdentityWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            LogBodyIdentity(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "No FlashSale:Auth:SigningKey is configured: buyers are identified by the request body's userId. This is for development only.")]
    private static partial void LogBodyIdentity(ILogger logger);
}
