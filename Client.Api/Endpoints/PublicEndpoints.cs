using FlashSale.Client.Api.Contracts;
using FlashSale.Client.Api.Hosting;
using FlashSale.Client.Api.Infrastructure;
using FlashSale.Grains;
using FlashSale.Protection.Switches;
using FlashSale.Protection.HotKeys;
using FlashSale.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashSale.Client.Api.Endpoints;

/// <summary>The buyer-facing endpoints under /api.</summary>
public static class PublicEndpoints
{
    private const int MaxOrderIdLength = 256;

    /// <summary>Maps the public endpoints.</summary>
    public static RouteGroupBuilder MapPublicEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Public");
        api.MapGet("/skus/{sku}", GetProductAsync).WithName("GetProduct");
        api.MapPost("/skus/{sku}/purchase", PurchaseEndpoint.HandleAsync).WithName("Purchase").RequireBuyer(app);
        api.MapPost("/skus/{sku}/reservations", ReserveAsync).WithName("Reserve").RequireBuyer(app);
        api.MapGet("/orders/{orderId}", GetOrderAsync).WithName("GetOrder").RequireBuyer(app);
        api.MapPost("/orders/{orderId}/pay", PayAsync).WithName("PayOrder").RequireBuyer(app);
        return api;
    }

    private static async Task<IResult> GetProductAsync(string sku, SkuViewCache views, SwitchBoard switches, HotKeyCounter hotKeys)
    {
        if (!CampaignValidation.IsValidSku(sku))
        {
            return Problems.Invalid(new() { ["sku"] = [$"The SKU id must be 1 to {CampaignValidation.MaxSkuLength} letters, digits, '-', '_' or '.'."] });
        }

        hotKeys.Count(sku);

        // A gateway just started must not show fields or states a switch it has not loaded yet would hide.
        await switches.WhenLoadedAsync();
        return await views.ReadAsync(sku) is ({ } view, var stale)
            ? TypedResults.Ok(ProductResponse.From(view, switches.For(sku), stale))
            : Problems.Of(StatusCodes.Status404NotFound, "Unknown SKU.", $"SKU '{sku}' has no campaign.");
    }

    private static async Task<IResult> ReserveAsync(string sku, ReservationBody? body, HttpContext http, ShardProxies shards, SkuViewCache views)
    {
        if (!CampaignValidation.IsValidSku(sku))
        {
            return Problems.Invalid(new() { ["sku"] = [$"The SKU id must be 1 to {CampaignValidation.MaxSkuLength} letters, digits, '-', '_' or '.'."] });
        }

        if (!BuyerIdentity.TryResolve(http, body?.UserId, out var buyer, out var denied))
        {
            return denied;
        }

        if (await views.GetAsync(sku) is not { } view)
        {
            return Problems.Of(StatusCodes.Status404NotFound, "Unknown SKU.", $"SKU '{sku}' has no campaign.");
        }

        await shards.For(view, buyer).Reserve(buyer);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<IResult> PayAsync(string orderId, HttpContext http, IClusterClient client)
    {
        if (!InputValidation.IsValidId(orderId, MaxOrderIdLength))
        {
            return Problems.Invalid(new() { ["orderId"] = ["The order id is malformed."] });
        }

        // Another buyer's order is answered as unknown, so that order ids reveal nothing and cannot be paid by others.
        var grain = client.GetGrain<IOrderQueryGrain>(0);
        if (BuyerIdentity.IsEnforced(http) && !BuyerIdentity.Owns(http, await grain.GetOrder(orderId)))
        {
            return UnknownOrder(orderId);
        }

        return await grain.Pay(orderId) switch
        {
            PaymentOutcome.Paid => TypedResults.Ok(OrderResponse.From((await grain.GetOrder(orderId))!)),
            PaymentOutcome.Expired => Problems.Of(StatusCodes.Status409Conflict, "The order expired.", "The payment window closed; the order expired and its units went back on sale. Nothing was charged."),
            _ => UnknownOrder(orderId),
        };
    }

    private static async Task<IResult> GetOrderAsync(string orderId, HttpContext http, IClusterClient client)
    {
        if (!InputValidation.IsValidId(orderId, MaxOrderIdLength))
        {
            return Problems.Invalid(new() { ["orderId"] = ["The order id is malformed."] });
        }

        var order = await client.GetGrain<IOrderQueryGrain>(0).GetOrder(orderId);
        return BuyerIdentity.Owns(http, order) ? TypedResults.Ok(OrderResponse.From(order!)) : UnknownOrder(orderId);
    }

    private static ProblemHttpResult UnknownOrder(string orderId) => Problems.Of(StatusCodes.Status404NotFound, "Unknown order.", $"No order '{orderId}'.");
}
