using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FlashSale.Runtime.Postgres.Membership;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FlashSale.Runtime.Postgres.Tests;

/// <summary>Retries and the circuit breaker, against a port where nothing listens (connection refused).</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresResilienceTests
{
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Theory]
    [InlineData("40001", true)]
    [InlineData("40P01", true)]
    [InlineData("57P01", true)]
    [InlineData("08006", true)]
    [InlineData("53300", true)]
    [InlineData("23505", false)]
    [InlineData("42P01", false)]
    public void IsTransient_ClassifiesPostgresErrorsBySqlState(string sqlState, bool transient) =>
        Assert.Equal(transient, PostgresResilience.IsTransient(new PostgresException("message", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void IsTransient_TimeoutsAndSocketErrorsAreTransient_CancellationAndBugsAreNot()
    {
        Assert.True(PostgresResilience.IsTransient(new TimeoutException()));
        Assert.True(PostgresResilience.IsTransient(new NpgsqlException("timeout", new TimeoutException())));
        Assert.True(PostgresResilience.IsTransient(new SocketException((int)SocketError.ConnectionRefused)));
        Assert.False(PostgresResilience.IsTransient(new OperationCanceledException()));
        Assert.False(PostgresResilience.IsTransient(new InvalidOperationException()));
        Assert.False(PostgresResilience.IsTransient(new InconsistentStateException()));
    }

    [Fact]
    public async Task DatabaseDown_CallersGetAClearErrorQuickly_ThenTheBreakerRefusesAtOnce()
    {
        var options = new PostgresOptions { ConnectionString = $"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Database=postgres" };
        await using var registry = new PostgresDataSourceRegistry(TimeProvider.System, NullLoggerFactory.Instance);
        var table = new PostgresMembershipTable("c", options, registry.Get(options), TimeProvider.System, NullLogger<PostgresMembershipTable>.Instance);

        var watch = Stopwatch.StartNew();
        var first = await Assert.ThrowsAsync<StorageUnavailableException>(() => table.ReadAllAsync());
        var firstElapsed = watch.Elapsed;

        Assert.Contains("PostgreSQL is unavailable", first.Message, StringComparison.Ordinal);
        Assert.True(firstElapsed < TimeSpan.FromSeconds(5), $"the first failure took {firstElapsed}");

        // Failures accumulate until the breaker opens (a call may see it open between two of its own retries)...
        var opened = false;
        for (var i = 0; i < 10 && !opened; i++)
        {
            var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => table.ReadAllAsync());
            opened = error.Message.Contains("circuit breaker", StringComparison.Ordinal);
        }

        Assert.True(opened, "the circuit breaker never opened");

        // ...and while it is open, a call is refused without trying the database.
        watch.Restart();
        var refused = await Assert.ThrowsAsync<StorageUnavailableException>(() => table.ReadAllAsync());
        Assert.Contains("circuit breaker", refused.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(250), $"a refused call took {watch.Elapsed}");
    }
}
