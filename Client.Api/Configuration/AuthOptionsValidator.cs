using Microsoft.Extensions.Options;

namespace FlashSale.Client.Api.Configuration;

/// <summary>Validates <see cref="AuthOptions"/> at start, listing every problem.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
