using FlashSale.Client.Api.Contracts;
using FlashSale.Client.Api.Infrastructure;
using FlashSale.Grains;
using FlashSale.Protection.Switches;
using FlashSale.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashSale.Client.Api.Endpoints;

/// <summary>
/// The degrade switches under /admin/switches (admin key required). A change is applied to this gateway's copy as
/// soon as the switchboard acknowledges it; the other gateways and the silos pick it up within a poll period.
/// </summary>
public static class SwitchEndpoints
{
    /// <summary>Maps the switch endpoints.</summary>
    public static RouteGroupBuilder MapSwitchEndpoints(this IEndpointRouteBuilder app)
    {
        var switches = app.MapGroup("/admin/switches").WithTags("Admin").AddEndpointFilter<AdminKeyFilter>();
        switches.MapGet("/", GetAsync).WithName("GetSwitches");
        switches.MapPut("/", PutGlobalAsync).WithName("PutGlobalSwitches");
        switches.MapPut("/skus/{sku}", PutSkuAsync).WithName("PutSkuSwitches");
        switches.MapDelete("/skus/{sku}", DeleteSkuAsync).WithName("DeleteSkuSwitches");
        return switches;
    }

    private static async Task<IResult> GetAsync(IClusterClient client, SwitchBoard board)
    {
        var switches = await Switchboard(client).Get();
        board.Apply(switches);
        return TypedResults.Ok(SwitchesResponse.From(switches));
    }

    private static async Task<IResult> PutGlobalAsync(SwitchSetBody? body, IClusterClient client, SwitchBoard board)
    {
        if (body is null)
        {
            return Problems.Invalid(new() { ["body"] = ["A JSON body of switches is required."] });
        }

        var set = body.ToSwitchSet(out var errors);
        return errors.Count > 0 ? Problems.Invalid(errors) : Applied(await Switchboard(client).SetGlobal(set), board);
    }

    private static async Task<IResult> PutSkuAsync(string sku, SwitchSetBody? body, IClusterClient client, SwitchBoard board)
    {
        if (!CampaignValidation.IsValidSku(sku))
        {
            return Problems.Invalid(new() { ["sku"] = ["The SKU id is malformed."] });
        }

        if (body is null)
        {
            return Problems.Invalid(new() { ["body"] = ["A JSON body of switches is required."] });
        }

        var set = body.ToSwitchSet(out var errors);
        return errors.Count > 0 ? Problems.Invalid(errors) : Applied(await Switchboard(client).SetSku(sku, set), board);
    }

    private static async Task<IResult> DeleteSkuAsync(string sku, IClusterClient client, SwitchBoard board) =>
        CampaignValidation.IsValidSku(sku)
            ? Applied(await Switchboard(client).SetSku(sku, null), board)
            : Problems.Invalid(new() { ["sku"] = ["The SKU id is malformed."] });

    private static Ok<SwitchesResponse> Applied(DegradeSwitches switches, SwitchBoard board)
    {
        board.Apply(switches);
        return TypedResults.Ok(SwitchesResponse.From(switches));
    }

    private static IDegradeSwitchGrain Switchboard(IClusterClient client) => client.GetGrain<IDegradeSwitchGrain>(IDegradeSwitchGrain.GlobalKey);
}
