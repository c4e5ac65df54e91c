using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Hosting;

/// <summary>Validates options through their own <c>Validate()</c> method, reporting every problem at once.</summary>
public sealed class DelegateOptionsValidator<TOptions>(Func<TOptions, IEnumerable<string>> validate) : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = validate(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
