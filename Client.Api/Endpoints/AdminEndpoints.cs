using FlashSale.Client.Api.Contracts;
using FlashSale.Client.Api.Infrastructure;
using FlashSale.Grains;
using FlashSale.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashSale.Client.Api.Endpoints;

/// <summary>The admin endpoints under /admin (bearer key required).</summary>
public static class AdminEndpoints
{
    /// <summary>The longest campaign name accepted (the SKU grain's own limit).</summary>
    public const int MaxNameLength = 200;

    /// <summary>Maps the admin endpoints.</summary>
    public static RouteGroupBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").WithTags("Admin").AddEndpointFilter<AdminKeyFilter>();
        admin.MapPost("/skus", ConfigureAsync).WithName("ConfigureSku");
        admin.MapGet("/skus/{sku}", GetLedgerAsync).WithName("GetSkuLedger");
        admin.MapGet("/reconciliation", GetReconciliationAsync).WithName("GetReconciliation");
        admin.MapGet("/hotkeys", GetHotKeysAsync).WithName("GetHotKeys");
        return admin;
    }

    private static async Task<IResult> ConfigureAsync(CampaignBody? body, IClusterClient client, SkuViewCache views)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body is null)
        {
            return Problems.Invalid(new() { ["body"] = ["A JSON campaign body is required."] });
        }

        if (body.Sku is null || body.Name is null || body.Price is null || body.Stock is null || body.PerUserLimit is null || body.StartsAt is null || body.EndsAt is null)
        {
            errors.Add("body", "sku, name, price, stock, perUserLimit, startsAt and endsAt are required.");
        }

        if (body.Name is not null && !InputValidation.IsDisplayText(body.Name, MaxNameLength))
        {
            errors.Add("name", $"name must be 1 to {MaxNameLength} characters, not blank, without control or bidirectional-override characters.");
        }

        // By name only: Enum.TryParse would also take "1" or "Durable,Fast".
        var mode = WriteMode.Durable;
        if (body.WriteMode is { } text && !(Enum.GetNames<WriteMode>().Contains(text, StringComparer.OrdinalIgnoreCase) && Enum.TryParse(text, ignoreCase: true, out mode)))
        {
            errors.Add("writeMode", "writeMode must be durable or fast.");
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var campaign = new Campaign
        {
            Sku = body.Sku!,
            Name = body.Name!,
            Price = body.Price!.Value,
            Stock = body.Stock!.Value,
            PerUserLimit = body.PerUserLimit!.Value,
            StartsAt = body.StartsAt!.Value,
            EndsAt = body.EndsAt!.Value,
            Shards = body.Shards,
            WriteMode = mode,
            PurchasesPerSecond = body.PurchasesPerSecond,
        };
        var problems = CampaignValidation.Validate(campaign);
        if (problems.Count > 0)
        {
            return Problems.Invalid(new() { ["campaign"] = [.. problems] });
        }

        bool created;
        try
        {
            created = await client.GetGrain<ISkuGrain>(campaign.Sku).Configure(campaign);
        }
        catch (InvalidOperationException e)
        {
            return Problems.Of(StatusCodes.Status409Conflict, "The campaign cannot be changed that way.", e.Message);
        }

        views.Invalidate(campaign.Sku);
        var ledger = await client.GetGrain<ISkuGrain>(campaign.Sku).GetLedger();
        return created ? TypedResults.Created($"/admin/skus/{campaign.Sku}", ledger) : TypedResults.Ok(ledger);
    }

    private static async Task<IResult> GetLedgerAsync(string sku, IClusterClient client)
    {
        if (!CampaignValidation.IsValidSku(sku))
        {
            return Problems.Invalid(new() { ["sku"] = ["The SKU id is malformed."] });
        }

        return await client.GetGrain<ISkuGrain>(sku).GetLedger() is { } ledger
            ? TypedResults.Ok(ledger)
            : Problems.Of(StatusCodes.Status404NotFound, "Unknown SKU.", $"SKU '{sku}' has no campaign.");
    }

    private static async Task<IResult> GetReconciliationAsync(IClusterClient client) =>
        TypedResults.Ok(await client.GetGrain<IReconciliationGrain>("global").GetReports());

    private static async Task<Ok<IReadOnlyList<HotKeyStatus>>> GetHotKeysAsync(IClusterClient client) =>
        TypedResults.Ok(await client.GetGrain<IHotKeyAggregatorGrain>(IHotKeyAggregatorGrain.GlobalKey).GetHotKeys());
}
