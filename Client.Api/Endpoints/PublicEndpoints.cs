using FlashSale.Client.Api.Contracts;
using FlashSale.Client.Api.Hosting;
using FlashSale.Client.Api.Infrastructure;
using FlashSale.Grains;
using FlashSale.Protection;
using FlashSale.Runtime;
using Microsoft.Extensions.Options;

namespace FlashSale.Client.Api.Endpoints;

/// <summary>The buyer-facing endpoints under /api.</summary>
public static class PublicEndpoints
{
    /// <summary>Maps the public endpoints.</summary>
    public static RouteGroupBuilder MapPublicEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Public");
        api.MapGet("/skus/{sku}", GetProductAsync).WithName("GetProduct");
        api.MapPost("/skus/{sku}/purchase", PurchaseEndpoint.HandleAsync).WithName("Purchase");
        api.MapPost("/skus/{sku}/reservations", ReserveAsync).WithName("Reserve");
        api.MapGet("/orders/{orderId}", GetOrderAsync).WithName("GetOrder");
        api.MapPost("/orders/{orderId}/pay", PayAsync).WithName("PayOrder");
        return api;
    }

    private static async Task<IResult> GetProductAsync(string sku, SkuViewCache views, HotKeyCounter hotKeys)
    {
        hotKeys.Count(sku);
        if (!CampaignValidation.IsValidSku(sku))
        {
            return Problems.Invalid(new() { ["sku"] = [$"The SKU id must be 1 to {CampaignValidation.MaxSkuLength} letters, digits, '-', '_' or '.'."] });
        }

        return await views.GetAsync(sku) is { } view
            ? TypedResults.Ok(ProductResponse.From(view))
            : Problems.Of(StatusCodes.Status404NotFound, "Unknown SKU.", $"SKU '{sku}' has no campaign.");
    }

    private static async Task<IResult> ReserveAsync(string sku, ReservationBody? body, IClusterClient client, SkuViewCache views, IOptions<GatewayOptions> options)
    {
        if (!CampaignValidation.IsValidSku(sku) || body is null || !InputValidation.IsValidId(body.UserId, options.Value.MaxIdLength))
        {
            return Problems.Invalid(new() { ["userId"] = [$"A valid sku and a userId of 1 to {options.Value.MaxIdLength} safe characters are required."] });
        }

        if (await views.GetAsync(sku) is not { } view)
        {
            return Problems.Of(StatusCodes.Status404NotFound, "Unknown SKU.", $"SKU '{sku}' has no campaign.");
        }

        await client.GetGrain<IStockShardGrain>(ShardRouting.ShardKey(sku, ShardRouting.ShardFor(body.UserId!, view.ShardCount))).Reserve(body.UserId!);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<IResult> PayAsync(string orderId, IClusterClient client)
    {
        if (!InputValidation.IsValidId(orderId, 256))
        {
            return Problems.Invalid(new() { ["orderId"] = ["The order id is malformed."] });
        }

        var grain = client.GetGrain<IOrderQueryGrain>(0);
        return await grain.Pay(orderId) switch
        {
            PaymentOutcome.Paid => TypedResults.Ok(OrderResponse.From((await grain.GetOrder(orderId))!)),
            PaymentOutcome.Expired => Problems.Of(StatusCodes.Status409Conflict, "The order expired.", "The payment window closed; the order expired and its units went back on sale. Nothing was charged."),
            _ => Problems.Of(StatusCodes.Status404NotFound, "Unknown order.", $"No order '{orderId}'."),
        };
    }

    private static async Task<IResult> GetOrderAsync(string orderId, IClusterClient client, IOptions<GatewayOptions> options)
    {
        if (orderId.Length > 256 || !InputValidation.IsValidId(orderId, 256))
        {
            return Problems.Invalid(new() { ["orderId"] = ["The order id is malformed."] });
        }

        return await client.GetGrain<IOrderQueryGrain>(0).GetOrder(orderId) is { } order
            ? TypedResults.Ok(OrderResponse.From(order))
            : Problems.Of(StatusCodes.Status404NotFound, "Unknown order.", $"No order '{orderId}'.");
    }
}
