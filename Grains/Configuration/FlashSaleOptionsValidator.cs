using Microsoft.Extensions.Options;

namespace FlashSale.Grains.Configuration;

/// <summary>Validates <see cref="FlashSaleOptions"/> at start, listing every problem.</summary>
internal sealed class FlashSaleOptionsValidator : IValidateOptions<FlashSaleOptions>
{
    public ValidateOptionsResult Validate(string? name, FlashSaleOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
