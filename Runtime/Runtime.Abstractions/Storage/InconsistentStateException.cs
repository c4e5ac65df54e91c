namespace FlashSale.Runtime;

/// <summary>A conditional storage write found a different version in storage than the one the grain held.</summary>
public class InconsistentStateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InconsistentStateException()
        : this("The stored ETag does not match the ETag of the state being written.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InconsistentStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public InconsistentStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with both ETags.</summary>
    public InconsistentStateException(string message, string? storedEtag, string? currentEtag)
        : base($"{message} Stored ETag: '{storedEtag ?? "(none)"}', ETag held by the grain: '{currentEtag ?? "(none)"}'.")
    {
        StoredEtag = storedEtag;
        CurrentEtag = currentEtag;
    }

    /// <summary>The ETag found in storage.</summary>
    public string? StoredEtag { get; }

    /// <summary>The ETag the writer held.</summary>
    public string? CurrentEtag { get; }
}
