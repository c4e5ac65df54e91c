using Microsoft.Extensions.Options;

namespace FlashSale.Client.Api.Hosting;

/// <summary>Validates <see cref="GatewayOptions"/> at start, listing every problem.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
