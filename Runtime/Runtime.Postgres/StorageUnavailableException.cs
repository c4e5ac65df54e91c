namespace FlashSale.Runtime.Postgres;

/// <summary>
/// PostgreSQL could not be reached: transient failures outlasted the retries, or the circuit breaker is open after
/// repeated failures and the call was refused at once. Nothing was written by the failed call (a write that
/// cannot be confirmed is reported this way too: re-read before deciding again). Retry later.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StorageUnavailableException()
        : this("PostgreSQL is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
