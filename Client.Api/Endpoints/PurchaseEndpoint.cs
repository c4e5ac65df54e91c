using FlashSale.Client.Api.Contracts;
using FlashSale.Client.Api.Hosting;
using FlashSale.Client.Api.Infrastructure;
using FlashSale.Client.Api.RateLimiting;
using FlashSale.Grains;
using FlashSale.Protection.Switches;
using FlashSale.Protection.HotKeys;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FlashSale.Client.Api.Endpoints;

/// <summary>
/// <c>POST /api/skus/{sku}/purchase</c>: validates, then answers from the gateway alone whatever it can, cheapest
/// first (a paused SKU, a throttled buyer, a sold-out, not-started or ended sale, a throttled SKU), and only
/// otherwise routes the buyer to its stock shard.
/// </summary>
public static class PurchaseEndpoint
{
    /// <summary>Handles one purchase attempt.</summary>
    public static async Task<IResult> HandleAsync(
        string sku,
        PurchaseBody? body,
        HttpContext http,
        ShardProxies shards,
        SkuViewCache views,
        SwitchBoard switches,
        PurchaseRateLimiter limits,
        HotKeyCounter hotKeys,
        IOptions<GatewayOptions> options)
    {
        if (!BuyerIdentity.TryResolve(http, body?.UserId, out var buyer, out var denied))
        {
            return denied;
        }

        if (Validate(sku, body, options.Value.MaxIdLength) is { } invalid)
        {
            return invalid;
        }

        // Counted once well formed, whatever happens next: a throttled or refused attempt is still heat.
        hotKeys.Count(sku);

        // A gateway that has not seen the switches yet must not sell past a pause it does not know of.
        await switches.WhenLoadedAsync();
        if (switches.For(sku) is { Paused: true } paused)
        {
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "Purchases are paused.", paused.PauseReason ?? "Purchases are paused.");
        }

        if (limits.AdmitBuyer(buyer) is { IsAdmitted: false } buyerRefused)
        {
            return Throttled(buyerRefused, "Too many attempts by this buyer.");
        }

        var view = await views.GetAsync(sku);
        if (view is null)
        {
            return Problems.Of(StatusCodes.Status404NotFound, "Unknown SKU.", $"SKU '{sku}' has no campaign.");
        }

        var quantity = body!.Quantity!.Value;
        if (quantity > view.PerUserLimit)
        {
            return Problems.Invalid(new() { ["quantity"] = [$"quantity must not exceed the per-user limit of {view.PerUserLimit}."] });
        }

        switch (view.Status)
        {
            case SkuStatus.SoldOut:
                return Problems.Of(StatusCodes.Status409Conflict, "Sold out.", $"SKU '{sku}' is sold out.");
            case SkuStatus.NotStarted when DateTimeOffset.UtcNow < view.StartsAt:
                return Problems.Of(Problems.TooEarly, "The sale has not started.", $"The sale starts at {view.StartsAt:O}.");
            case SkuStatus.Ended when DateTimeOffset.UtcNow >= view.EndsAt:
                return Problems.Of(StatusCodes.Status410Gone, "The sale has ended.", $"The sale ended at {view.EndsAt:O}.");
        }

        if (limits.AdmitSku(sku, view.PurchasesPerSecond) is { IsAdmitted: false } skuRefused)
        {
            return Throttled(skuRefused, "This SKU is taking more attempts than it admits.");
        }

        var shard = shards.For(view, buyer);
        var result = await shard.Purchase(new PurchaseRequest(buyer, quantity, body.RequestId!));
        if (result.Outcome == PurchaseOutcome.SoldOut)
        {
            views.MarkSoldOut(view);
        }

        return result.Outcome switch
        {
            PurchaseOutcome.Purchased => new SizedJsonResult<OrderResponse>(OrderResponse.From(result.Order!)),
            PurchaseOutcome.SoldOut => Problems.Of(StatusCodes.Status409Conflict, "Sold out.", result.Message ?? $"SKU '{sku}' is sold out."),
            PurchaseOutcome.LimitExceeded => Problems.Of(StatusCodes.Status403Forbidden, "Per-user limit reached.", result.Message ?? "The per-user limit is reached."),
            PurchaseOutcome.NotStarted => Problems.Of(Problems.TooEarly, "The sale has not started.", result.Message ?? "The sale has not started."),
            PurchaseOutcome.Ended => Problems.Of(StatusCodes.Status410Gone, "The sale has ended.", result.Message ?? "The sale has ended."),
            PurchaseOutcome.Paused => Problems.Of(StatusCodes.Status503ServiceUnavailable, "Purchases are paused.", result.Message ?? "Purchases are paused."),
            PurchaseOutcome.UnknownSku => Problems.Of(StatusCodes.Status404NotFound, "Unknown SKU.", result.Message ?? $"SKU '{sku}' has no campaign."),
            PurchaseOutcome.Invalid => Problems.Of(StatusCodes.Status400BadRequest, "The request is invalid.", result.Message ?? "The request is invalid."),
            _ => Problems.Of(StatusCodes.Status503ServiceUnavailable, "Try again.", result.Message ?? "The purchase could not be completed; nothing was sold."),
        };
    }

    // The well-formed attempt, by far the most common, allocates nothing here.
    private static ValidationProblem? Validate(string sku, PurchaseBody? body, int maxIdLength)
    {
        var skuValid = CampaignValidation.IsValidSku(sku);
        if (skuValid && body is { Quantity: >= 1 } && InputValidation.IsValidId(body.RequestId, maxIdLength))
        {
            return null;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!skuValid)
        {
            errors.Add("sku", $"The SKU id must be 1 to {CampaignValidation.MaxSkuLength} letters, digits, '-', '_' or '.'.");
        }

        if (body is null)
        {
            errors.Add("body", "A JSON body { userId, quantity, requestId } is required.");
        }
        else
        {
            if (body.Quantity is not >= 1)
            {
                errors.Add("quantity", "quantity is required and must be at least 1.");
            }

            if (!InputValidation.IsValidId(body.RequestId, maxIdLength))
            {
                errors.Add("requestId", $"requestId is required: 1 to {maxIdLength} letters, digits or -_.:@.");
            }
        }

        return Problems.Invalid(errors);
    }

    private static RetryAfterResult Throttled(RateDecision decision, string title) =>
        new(Problems.Of(StatusCodes.Status429TooManyRequests, title, $"Nothing was attempted; retry after {decision.RetryAfterHeader} s."), decision.RetryAfterHeader);
}
