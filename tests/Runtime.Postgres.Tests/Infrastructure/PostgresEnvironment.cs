namespace FlashSale.Runtime.Postgres.Tests.Infrastructure;

/// <summary>Where the tests find PostgreSQL: the FLASHSALE_POSTGRES connection string. Missing is a failure, never a skip.</summary>
public static class PostgresEnvironment
{
    public const string Variable = "FLASHSALE_POSTGRES";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL tests cannot run (they never skip). Run them through scripts/test.sh, which installs " +
                $"PostgreSQL when it is missing and starts a throwaway server, or start one yourself: export {Variable}=\"$(scripts/postgres.sh start)\".");

    /// <summary>The repository root (the folder holding FlashSale.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FlashSale.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException($"No FlashSale.sln above {AppContext.BaseDirectory}.");
        }
    }
}
