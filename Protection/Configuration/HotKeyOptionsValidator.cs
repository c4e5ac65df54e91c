using Microsoft.Extensions.Options;

namespace FlashSale.Protection.Configuration;

/// <summary>Validates <see cref="HotKeyOptions"/> at start, listing every problem.</summary>
internal sealed class HotKeyOptionsValidator : IValidateOptions<HotKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, HotKeyOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
