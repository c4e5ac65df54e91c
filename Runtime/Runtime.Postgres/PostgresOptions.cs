using Npgsql;

namespace FlashSale.Runtime.Postgres;

/// <summary>Settings of a PostgreSQL provider: where the database is, which schema, and how failures are handled.</summary>
public sealed class PostgresOptions
{
    /// <summary>The default schema name.</summary>
    public const string DefaultSchema = "flashsale";

    /// <summary>The default time a command may run before it fails as transient.</summary>
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The default time to open a connection before it fails as transient.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The default number of retries of a transient failure (so at most four attempts).</summary>
    public const int DefaultMaxRetryAttempts = 3;

    /// <summary>The default delay before the first retry; later ones grow exponentially, with jitter.</summary>
    public static readonly TimeSpan DefaultRetryBaseDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>The default longest delay between two retries.</summary>
    public static readonly TimeSpan DefaultRetryMaxDelay = TimeSpan.FromSeconds(1);

    /// <summary>The default share of failed attempts, within the sampling window, that opens the circuit.</summary>
    public const double DefaultBreakerFailureRatio = 0.5;

    /// <summary>The default number of attempts in the sampling window below which the circuit never opens.</summary>
    public const int DefaultBreakerMinimumThroughput = 5;

    /// <summary>The default sampling window of the circuit breaker.</summary>
    public static readonly TimeSpan DefaultBreakerSamplingDuration = TimeSpan.FromSeconds(10);

    /// <summary>The default time the circuit stays open before one trial call is let through.</summary>
    public static readonly TimeSpan DefaultBreakerBreakDuration = TimeSpan.FromSeconds(2);

    /// <summary>The Npgsql connection string (Host=...;Port=...;Username=...;Database=...).</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The schema holding the tables; created if missing. An identifier: letters, digits and '_', not starting with a digit.</summary>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>How long one command may run before it fails (a transient failure, retried).</summary>
    public TimeSpan CommandTimeout { get; set; } = DefaultCommandTimeout;

    /// <summary>How long opening a connection may take before it fails (a transient failure, retried).</summary>
    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

    /// <summary>How many times a transient failure is retried before the caller sees it (0 disables retries).</summary>
    public int MaxRetryAttempts { get; set; } = DefaultMaxRetryAttempts;

    /// <summary>The delay before the first retry; later retries back off exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = DefaultRetryBaseDelay;

    /// <summary>The longest delay between two retries.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = DefaultRetryMaxDelay;

    /// <summary>The share (0 to 1] of failed attempts within <see cref="BreakerSamplingDuration"/> that opens the circuit.</summary>
    public double BreakerFailureRatio { get; set; } = DefaultBreakerFailureRatio;

    /// <summary>The number of attempts within the window below which the circuit never opens.</summary>
    public int BreakerMinimumThroughput { get; set; } = DefaultBreakerMinimumThroughput;

    /// <summary>The window over which the circuit breaker counts failures.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = DefaultBreakerSamplingDuration;

    /// <summary>How long the circuit stays open (callers fail at once) before one trial call is let through.</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = DefaultBreakerBreakDuration;

    /// <summary>Returns the problems with these options, if any.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return "Postgres:ConnectionString must not be empty (for example Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres).";
        }
        else if (!IsParsable(ConnectionString, out var error))
        {
            yield return $"Postgres:ConnectionString is not a valid Npgsql connection string: {error}";
        }

        if (!PostgresSchema.IsValidName(Schema))
        {
            yield return $"Postgres:Schema '{Schema}' is not a plain identifier (letters, digits and '_', at most 63 characters, not starting with a digit).";
        }

        if (CommandTimeout < TimeSpan.FromSeconds(1) || ConnectTimeout < TimeSpan.FromSeconds(1))
        {
            yield return "Postgres:CommandTimeout and ConnectTimeout must be at least one second (Npgsql counts them in whole seconds).";
        }

        if (MaxRetryAttempts < 0)
        {
            yield return "Postgres:MaxRetryAttempts must not be negative.";
        }

        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            yield return "Postgres:RetryBaseDelay must be positive and RetryMaxDelay at least RetryBaseDelay.";
        }

        if (BreakerFailureRatio is <= 0 or > 1)
        {
            yield return "Postgres:BreakerFailureRatio must be in (0, 1].";
        }

        if (BreakerMinimumThroughput < 2)
        {
            yield return "Postgres:BreakerMinimumThroughput must be at least 2.";
        }

        if (BreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || BreakerBreakDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return "Postgres:BreakerSamplingDuration and BreakerBreakDuration must be at least 500 ms.";
        }
    }

    private static bool IsParsable(string connectionString, out string error)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            error = string.Empty;
            return true;
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }
    }
}
