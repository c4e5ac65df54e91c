using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace FlashSale.Runtime.Postgres;

/// <summary>
/// How a provider's database calls survive failures (Polly): transient errors (connection refused or reset,
/// timeouts, serialization failures, deadlocks, an administrator shutdown, too many connections) are retried with
/// exponential backoff and jitter; every attempt also passes through the circuit breaker that all providers of one
/// database share, so that while PostgreSQL is down callers are refused at once instead of piling up retries.
/// A caller whose call could not be completed gets a <see cref="StorageUnavailableException"/> naming PostgreSQL;
/// other errors (constraint violations, bad SQL, cancellation by the caller) pass through unchanged and are never
/// retried or counted by the breaker.
/// </summary>
public sealed class PostgresResilience
{
    private readonly string _provider;
    private readonly PostgresOptions _options;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>Creates the pipeline of one provider: its own retries around the database's shared <paramref name="breaker"/>.</summary>
    public PostgresResilience(string provider, PostgresOptions options, ResiliencePipeline breaker, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _provider = provider;
        _options = options;
        var builder = new ResiliencePipelineBuilder { Name = $"postgres-{provider}", TimeProvider = time };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e)),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                OnRetry = args =>
                {
                    PostgresLog.Retrying(logger, provider, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception);
                    return ValueTask.CompletedTask;
                },
            });
        }

        _pipeline = builder.AddPipeline(breaker).Build();
    }

    /// <summary>
    /// The circuit breaker of one database, shared by its providers: it opens when at least
    /// <see cref="PostgresOptions.BreakerFailureRatio"/> of the attempts (and at least
    /// <see cref="PostgresOptions.BreakerMinimumThroughput"/> of them) failed transiently within the sampling window,
    /// refuses calls for <see cref="PostgresOptions.BreakerBreakDuration"/>, then lets one trial call through and
    /// closes again when it succeeds.
    /// </summary>
    public static ResiliencePipeline CreateBreaker(PostgresOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ResiliencePipelineBuilder { Name = "postgres-breaker", TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e)),
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                OnOpened = args =>
                {
                    PostgresLog.CircuitOpened(logger, args.BreakDuration, args.Outcome.Exception);
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    PostgresLog.CircuitHalfOpened(logger);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    PostgresLog.CircuitClosed(logger);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>
    /// Whether <paramref name="exception"/> is a failure worth retrying: the database or the network, not the request.
    /// Serialization failures (40001), deadlocks (40P01), administrator or crash shutdowns (57P01-57P03), too many
    /// connections (53300), connection errors (class 08), and whatever Npgsql itself marks transient (I/O errors,
    /// timeouts).
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        OperationCanceledException => false,
        PostgresException pg => pg.SqlState is "40001" or "40P01" or "57P01" or "57P02" or "57P03" or "53300"
            || pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.IsTransient,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is TimeoutException or SocketException or IOException,
        TimeoutException or SocketException or IOException => true,
        _ => false,
    };

    /// <summary>
    /// Runs <paramref name="action"/> (one attempt: open a connection, run the commands) under the retries and the
    /// breaker; a call that cannot be completed throws <see cref="StorageUnavailableException"/>.
    /// </summary>
    public async Task<TResult> ExecuteAsync<TState, TResult>(string operation, TState state, Func<TState, CancellationToken, Task<TResult>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await _pipeline.ExecuteAsync(
                static (s, ct) => new ValueTask<TResult>(s.action(s.state, ct)),
                (action, state),
                cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException e)
        {
            throw new StorageUnavailableException(
                $"PostgreSQL is unavailable: {_provider} {operation} was refused at once because the circuit breaker opened after repeated failures " +
                $"(one trial call is let through every {_options.BreakerBreakDuration.TotalSeconds:0.#} s; all recovers when the database answers again).",
                e);
        }
        catch (Exception e) when (IsTransient(e))
        {
            throw new StorageUnavailableException(
                $"PostgreSQL is unavailable: {_provider} {operation} failed {_options.MaxRetryAttempts + 1} times ({e.Message}).",
                e);
        }
    }
}
