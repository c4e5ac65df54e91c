using FlashSale.Runtime.Hosting;
using FlashSale.Runtime.Postgres.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FlashSale.Runtime.Postgres.Tests;

[Trait("Category", "Postgres")]
public sealed class PostgresOptionsTests
{
    private static PostgresOptions Valid() => new() { ConnectionString = "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres" };

    [Fact]
    public void Defaults_WithAConnectionString_AreValid()
    {
        var options = Valid();

        Assert.Empty(options.Validate());
        Assert.Equal(PostgresOptions.DefaultSchema, options.Schema);
        Assert.Equal(PostgresOptions.DefaultMaxRetryAttempts, options.MaxRetryAttempts);
    }

    [Fact]
    public void Validate_ReportsEveryProblem()
    {
        var options = new PostgresOptions
        {
            ConnectionString = "",
            Schema = "bad-name",
            CommandTimeout = TimeSpan.Zero,
            MaxRetryAttempts = -1,
            BreakerFailureRatio = 2,
            BreakerMinimumThroughput = 1,
        };

        var problems = options.Validate().ToList();

        Assert.Contains(problems, p => p.Contains("ConnectionString", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Schema", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("CommandTimeout", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("MaxRetryAttempts", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("BreakerFailureRatio", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("BreakerMinimumThroughput", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("flashsale", true)]
    [InlineData("_t1", true)]
    [InlineData("1abc", false)]
    [InlineData("a\"; DROP SCHEMA public; --", false)]
    [InlineData("", false)]
    public void SchemaName_MustBeAPlainIdentifier(string name, bool valid)
    {
        Assert.Equal(valid, PostgresSchema.IsValidName(name));
        if (valid)
        {
            Assert.Equal($"\"{name}\"", PostgresSchema.Quote(name));
        }
        else
        {
            Assert.Throws<ArgumentException>(() => PostgresSchema.Quote(name));
        }
    }

    [Fact]
    public void CreationScript_ContainsEveryTable_InTheQuotedSchema()
    {
        var script = PostgresSchema.CreationScript("s1");

        Assert.DoesNotContain("{schema}", script, StringComparison.Ordinal);
        foreach (var table in new[] { "membership_version", "membership", "grain_state", "reminders" })
        {
            Assert.Contains($"\"s1\".{table}", script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Silo_WithInvalidPostgresOptions_FailsToStartWithAClearMessage()
    {
        using var host = new HostBuilder()
            .UseSilo(silo => silo.UsePostgresClustering(o => o.ConnectionString = ""))
            .Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ConnectionString must not be empty", error.Message, StringComparison.Ordinal);
    }
}
