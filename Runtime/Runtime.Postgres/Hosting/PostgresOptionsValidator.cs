using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Postgres.Hosting;

/// <summary>Validates every named <see cref="PostgresOptions"/> through its own <c>Validate()</c>, reporting every problem at once.</summary>
internal sealed class PostgresOptionsValidator : IValidateOptions<PostgresOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresOptions options)
    {
        var failures = options.Validate().Select(f => $"PostgreSQL provider '{name}': {f}").ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
