namespace FlashSale.Runtime.Configuration;

/// <summary>Call timeouts.</summary>
public sealed class MessagingOptions
{
    /// <summary>Orleans' default response timeout.</summary>
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a caller waits for a response before it gets a <see cref="TimeoutException"/>.</summary>
    public TimeSpan ResponseTimeout { get; set; } = DefaultResponseTimeout;

    /// <summary>How often pending calls are checked against their deadline.</summary>
    public TimeSpan ResponseTimeoutCheckPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Returns the problems with these options, if any.</summary>
    public IEnumerable<string> Validate()
    {
        if (ResponseTimeout <= TimeSpan.Zero)
        {
            yield return "Messaging:ResponseTimeout must be positive.";
        }

        if (ResponseTimeoutCheckPeriod <= TimeSpan.Zero || ResponseTimeoutCheckPeriod > ResponseTimeout)
        {
            yield return "Messaging:ResponseTimeoutCheckPeriod must be positive and no longer than the response timeout.";
        }
    }
}
