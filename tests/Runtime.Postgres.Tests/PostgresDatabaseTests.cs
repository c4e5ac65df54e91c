using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FlashSale.Runtime.Postgres.Tests;

/// <summary>The connection settings a database's pool is built with (no server needed: building a pool connects nowhere).</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresDatabaseTests
{
    private const string Base = "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres";

    [Fact]
    public async Task Get_WithoutResetSetting_SkipsThePoolsReset_AndAutoPrepares()
    {
        var settings = await SettingsAsync(Base);

        Assert.True(settings.NoResetOnClose);
        Assert.Equal(64, settings.MaxAutoPrepare);
        Assert.Equal("flashsale", settings.ApplicationName);
    }

    [Fact]
    public async Task Unpooled_SameSettings_WithoutPooling()
    {
        await using var registry = new PostgresDataSourceRegistry(TimeProvider.System, NullLoggerFactory.Instance);
        var database = registry.Get(new PostgresOptions { ConnectionString = Base });

        var pooled = new NpgsqlConnectionStringBuilder(database.DataSource.ConnectionString);
        var unpooled = new NpgsqlConnectionStringBuilder(database.Unpooled.ConnectionString);

        Assert.True(pooled.Pooling);
        Assert.False(unpooled.Pooling);
        Assert.Equal(
            (pooled.Host, pooled.Port, pooled.Database, pooled.Username, pooled.NoResetOnClose, pooled.MaxAutoPrepare, pooled.Timeout, pooled.ApplicationName),
            (unpooled.Host, unpooled.Port, unpooled.Database, unpooled.Username, unpooled.NoResetOnClose, unpooled.MaxAutoPrepare, unpooled.Timeout, unpooled.ApplicationName));
    }

    [Theory]
    [InlineData("No Reset On Close=false")]
    [InlineData("noresetonclose=False")]
    public async Task Get_WithExplicitResetSetting_KeepsIt(string setting)
    {
        var settings = await SettingsAsync(Base + ";" + setting);

        Assert.False(settings.NoResetOnClose);
    }

    private static async Task<NpgsqlConnectionStringBuilder> SettingsAsync(string connectionString)
    {
        await using var registry = new PostgresDataSourceRegistry(TimeProvider.System, NullLoggerFactory.Instance);
        var database = registry.Get(new PostgresOptions { ConnectionString = connectionString });
        return new NpgsqlConnectionStringBuilder(database.DataSource.ConnectionString);
    }
}
