using System.Security.Cryptography;
using System.Text;
using FlashSale.Client.Api.Hosting;
using Microsoft.Extensions.Options;

namespace FlashSale.Client.Api.Infrastructure;

/// <summary>
/// Admin endpoints need <c>Authorization: Bearer &lt;key&gt;</c> with the configured FlashSale:Admin:Key. With no key
/// configured they answer 401: never open by default. The key is compared in constant time.
/// </summary>
public sealed class AdminKeyFilter(IOptions<GatewayOptions> options) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = options.Value.AdminKey;
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(key))
        {
            return Problems.Of(StatusCodes.Status401Unauthorized, "Admin access is not configured.", "Set FlashSale:Admin:Key (FlashSale__Admin__Key) to enable the admin endpoints.");
        }

        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) ||
            !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), Encoding.UTF8.GetBytes(key)))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Of(StatusCodes.Status401Unauthorized, "Unauthorized.", "A valid admin bearer key is required.");
        }

        return await next(context);
    }
}
