namespace FlashSale.Runtime.Networking;

/// <summary>A peer sent bytes that are not a valid frame; the connection they came on is closed.</summary>
internal sealed class MalformedFrameException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MalformedFrameException()
        : this("The frame is malformed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MalformedFrameException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the decoding error.</summary>
    public MalformedFrameException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
